FROM alpine:3.20
COPY --from=busybox:latest /bin/busybox /bin/busybox
COPY --from=docker.io/library/alpine:3.20 /etc/os-release /etc/os-release
