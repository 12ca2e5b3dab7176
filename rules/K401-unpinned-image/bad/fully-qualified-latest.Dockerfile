FROM docker.io/library/ubuntu:latest
RUN apt-get update
