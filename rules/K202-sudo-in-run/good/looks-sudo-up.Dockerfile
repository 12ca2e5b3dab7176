FROM alpine:3.20
RUN command -v sudo || apk add --no-cache sudo
USER 10001
