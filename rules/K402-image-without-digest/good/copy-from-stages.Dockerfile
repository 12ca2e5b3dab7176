FROM alpine:3.20@sha256:9c1b2a8f4e7d6c5b4a3928170f6e5d4c3b2a19087f6e5d4c3b2a190817263544 AS tools
FROM alpine:3.20@sha256:9c1b2a8f4e7d6c5b4a3928170f6e5d4c3b2a19087f6e5d4c3b2a190817263544
COPY --from=tools /bin/busybox /bin/
COPY --from=0 /etc/os-release /etc/
RUN --mount=from=tools,target=/t ls /t
