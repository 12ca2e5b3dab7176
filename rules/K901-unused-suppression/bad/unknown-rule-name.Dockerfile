FROM alpine:3.20
# keelson-ignore: no-such-rule
USER root
