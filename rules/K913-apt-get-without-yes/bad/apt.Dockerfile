FROM debian:12
RUN apt install -q curl
