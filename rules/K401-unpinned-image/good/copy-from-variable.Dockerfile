FROM alpine:3.20
ARG TOOLS=busybox
# variables are not expanded in --from; BuildKit decides at build time
COPY --from=${TOOLS} /bin/busybox /bin/busybox
