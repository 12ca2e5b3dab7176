FROM alpine:3.20
COPY ssh_keys/. /root/.ssh/
COPY .ssh /home/app/.ssh
USER app
