FROM debian:12
RUN echo "apt-get update" > /notes.txt
RUN apt-get update && apt-cache policy curl
RUN apt-get -y dist-upgrade
