FROM alpine:3.20
COPY app.conf /etc/ssl/private/
COPY settings.yaml /secrets/settings.yaml
COPY ssh_config /root/.ssh/config
USER app
