# syntax=docker/dockerfile:1
FROM docker:27-cli
RUN --mount=type=bind,source=docker.sock,target=/var/run/docker.sock true
VOLUME /var/lib/app
USER app
