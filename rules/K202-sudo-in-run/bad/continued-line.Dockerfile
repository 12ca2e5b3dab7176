FROM ubuntu:24.04
RUN apt-get update \
 && sudo \
    apt-get install -y git
USER 10001
