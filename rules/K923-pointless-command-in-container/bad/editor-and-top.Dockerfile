FROM debian:12
RUN apt-get update && apt-get install -y vim procps && vim /etc/motd
RUN top -b -n 1 && free -m
