FROM debian:bullseye
RUN apt-key list
RUN apt-key del 0123456789ABCDEF
RUN apt-key export 0123456789ABCDEF | gpg --dearmor > /etc/apt/keyrings/example.gpg
