FROM debian:bookworm
# apt-get upgrade is done by the base image
RUN echo "run apt-get upgrade yourself" && pip install --upgrade pip
