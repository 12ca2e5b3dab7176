FROM alpine:3.20
ARG DEST
COPY a b $DEST
ENV D=/srv/
COPY c d $D
