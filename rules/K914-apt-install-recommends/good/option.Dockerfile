FROM ubuntu:24.04
RUN apt-get install -y --no-install-recommends curl
