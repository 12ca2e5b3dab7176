FROM alpine:3.20
USER app
# keelson-ignore
