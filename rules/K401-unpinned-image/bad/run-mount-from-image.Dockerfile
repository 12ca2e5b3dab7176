FROM alpine:3.20
RUN --mount=type=bind,from=ghcr.io/acme/tools,source=/bin,target=/tools \
    /tools/check
