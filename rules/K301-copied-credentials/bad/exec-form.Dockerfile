FROM alpine:3.20
COPY ["tls/privkey.pem", "/etc/ssl/private/"]
USER app
