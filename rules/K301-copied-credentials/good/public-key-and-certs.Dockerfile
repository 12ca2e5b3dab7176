FROM alpine:3.20
COPY id_rsa.pub /root/.ssh/authorized_keys
COPY certs/server.crt /etc/ssl/certs/
COPY ca-bundle.pem /etc/ssl/certs/
COPY fullchain.pem /etc/nginx/tls/
COPY known_hosts /root/.ssh/known_hosts
USER app
