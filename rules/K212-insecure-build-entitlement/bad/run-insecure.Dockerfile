# syntax=docker/dockerfile:1-labs
FROM debian:bookworm
RUN --security=insecure mount -t tmpfs none /mnt && ./build.sh
ONBUILD RUN --security=insecure ./post-build.sh
