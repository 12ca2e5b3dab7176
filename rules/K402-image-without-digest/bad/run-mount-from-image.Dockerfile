FROM alpine:3.20@sha256:9c1b2a8f4e7d6c5b4a3928170f6e5d4c3b2a19087f6e5d4c3b2a190817263544
RUN --mount=from=docker.io/library/busybox:1.36,source=/bin/busybox,target=/bb /bb true
