FROM alpine:3.20
COPY .htpasswd /etc/nginx/.htpasswd
COPY terraform.tfvars /infra/
COPY secrets.yaml /config/
COPY .pgpass /root/.pgpass
USER app
