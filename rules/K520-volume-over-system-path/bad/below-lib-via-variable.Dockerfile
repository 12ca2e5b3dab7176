FROM alpine:3.20
ENV LIBDIR=/usr/lib/app
VOLUME $LIBDIR
