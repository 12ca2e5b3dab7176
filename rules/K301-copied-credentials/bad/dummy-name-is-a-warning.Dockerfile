FROM alpine:3.20
COPY test.key /etc/app/
COPY insecure_id_rsa /root/.ssh/
USER app
