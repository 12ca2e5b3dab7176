FROM debian:12
RUN sh -c "apt-get install git"
