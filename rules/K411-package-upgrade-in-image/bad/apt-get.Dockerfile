FROM debian:bookworm
RUN apt-get update && apt-get -y dist-upgrade && apt-get upgrade -y
