FROM alpine:3.20
# keelson-ignore: K201
RUN apk add --no-cache curl
USER app
