FROM alpine:3.20
VOLUME /data /var/log /tmp /etc-backup /usr/share/app
