FROM ubuntu:24.04
RUN bash -c "apt-get update && apt upgrade -y"
