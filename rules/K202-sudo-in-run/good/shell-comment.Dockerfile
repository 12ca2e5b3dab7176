FROM ubuntu:24.04
RUN apt-get update # no sudo needed: this runs as root
USER 10001
