FROM ubuntu:24.04
RUN /usr/bin/apt -y remove curl
