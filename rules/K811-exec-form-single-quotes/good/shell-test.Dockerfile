FROM alpine:3.20
RUN [ -f /etc/os-release ] && echo 'ok'
