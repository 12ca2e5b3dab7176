# syntax=docker/dockerfile:1
FROM alpine:3.20
RUN <<EOF
set -e
apk add --no-cache curl
curl -fsSL --user admin:Pa55w0rd-9 https://artifacts.acme.internal/tool -o /usr/local/bin/tool
EOF
