FROM ubuntu:24.04
RUN echo sudo && useradd -m -G sudo app && which sudo
USER 10001
