FROM ubuntu:24.04
RUN echo "apt install curl" && apt-mark hold curl
