FROM docker:27-cli
VOLUME /var/run/docker.sock
USER app
