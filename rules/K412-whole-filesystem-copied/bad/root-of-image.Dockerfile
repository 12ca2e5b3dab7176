FROM alpine:3.20
COPY --from=busybox:1.36 / /opt/busybox/
