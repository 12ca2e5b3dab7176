FROM ubuntu:24.04
RUN useradd -m dev && echo 'dev:hunter2' | chpasswd
