FROM debian:12-slim
ADD https://nginx.org/keys/nginx_signing.key /usr/share/keyrings/
ADD https://example.com/downloads/server.key.txt /tmp/
USER app
