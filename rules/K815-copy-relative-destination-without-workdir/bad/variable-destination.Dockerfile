FROM alpine:3.20
ARG DEST=config
COPY settings.ini $DEST/
