FROM alpine:3.20
COPY --from=busybox /bin/busybox /bin/
