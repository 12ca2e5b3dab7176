FROM ubuntu:24.04
RUN apt list --installed > /pkgs.txt && apt-cache policy curl
