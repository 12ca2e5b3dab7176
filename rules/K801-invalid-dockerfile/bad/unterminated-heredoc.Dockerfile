FROM alpine:3.20
RUN <<EOF
apk add --no-cache curl
USER app
