FROM ubuntu:24.04
RUN env DEBIAN_FRONTEND=noninteractive sudo apt-get install -y git
USER 10001
