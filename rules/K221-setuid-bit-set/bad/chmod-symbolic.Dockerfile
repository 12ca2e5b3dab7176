FROM debian:bookworm
RUN chmod u+s /usr/local/bin/backup && chmod -R +s /opt/tools/bin
USER 10001
