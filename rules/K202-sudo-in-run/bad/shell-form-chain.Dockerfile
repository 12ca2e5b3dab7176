FROM ubuntu:24.04
RUN sudo apt-get update && sudo apt-get install -y curl
USER 10001
