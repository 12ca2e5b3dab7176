FROM debian:12
RUN apt-get install -qq curl && yes | apt-get install git
