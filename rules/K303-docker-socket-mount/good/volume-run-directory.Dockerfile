FROM debian:12-slim
VOLUME /run /var/run /tmp
VOLUME ["/var/lib/app"]
USER app
