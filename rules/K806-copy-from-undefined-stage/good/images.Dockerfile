FROM alpine:3.20
COPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/
COPY --from=ghcr.io/acme/tools /bin/tool /bin/
COPY --from=busybox@sha256:0000000000000000000000000000000000000000000000000000000000000000 /bin/busybox /bin/
