FROM alpine:3.20
# keelson-ignore: K201
USER root
