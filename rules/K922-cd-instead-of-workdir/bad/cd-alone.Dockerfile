FROM debian:12
RUN cd /srv/app
RUN ./configure
