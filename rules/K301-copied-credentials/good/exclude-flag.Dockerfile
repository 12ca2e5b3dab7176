# syntax=docker/dockerfile:1-labs
FROM alpine:3.20
COPY --exclude=*.key tls/*.key /etc/tls/
USER app
