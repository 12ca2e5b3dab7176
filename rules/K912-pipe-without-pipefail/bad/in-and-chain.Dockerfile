FROM debian:12
RUN apt-get update && \
    wget -qO- https://example.com/key | gpg --dearmor > /usr/share/keyrings/x.gpg
