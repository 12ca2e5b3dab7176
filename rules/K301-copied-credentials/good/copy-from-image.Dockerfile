FROM alpine:3.20
COPY --from=docker.io/library/nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/
COPY --from=certbot/certbot:v2.11.0 /opt/certbot/private.key /tmp/
USER app
