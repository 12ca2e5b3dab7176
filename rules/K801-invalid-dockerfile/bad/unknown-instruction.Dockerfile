FROM alpine:3.20
RUNN apk add --no-cache curl
USER app
