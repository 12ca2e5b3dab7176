FROM alpine:3.20
RUN doas apk add --no-cache git
USER 10001
