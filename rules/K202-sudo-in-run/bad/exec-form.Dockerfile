FROM ubuntu:24.04
RUN ["sudo", "apt-get", "update"]
USER 10001
