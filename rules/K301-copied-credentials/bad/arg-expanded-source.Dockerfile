FROM alpine:3.20
ARG KEY_FILE=certs/server.key
COPY ${KEY_FILE} /etc/tls/
USER app
