FROM ubuntu:20.04
RUN apt-key adv --keyserver hkp://keyserver.ubuntu.com:80 --recv-keys 0xABCDEF0123456789
RUN apt-key --keyring /etc/apt/trusted.gpg.d/example.gpg adv --recv-keys 0123456789ABCDEF
