FROM ubuntu:24.04
RUN apt update && mkdir -p /opt/app
RUN apt install -y git
