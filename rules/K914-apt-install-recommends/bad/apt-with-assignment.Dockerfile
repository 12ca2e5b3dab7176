FROM ubuntu:24.04
RUN DEBIAN_FRONTEND=noninteractive apt install -y git
