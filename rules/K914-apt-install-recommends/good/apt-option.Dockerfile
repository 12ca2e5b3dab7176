FROM ubuntu:24.04
RUN apt-get -o APT::Install-Recommends=false install -y curl
