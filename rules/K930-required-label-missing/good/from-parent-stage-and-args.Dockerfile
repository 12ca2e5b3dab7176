FROM alpine:3.20 AS base
LABEL org.opencontainers.image.source="https://github.com/acme/app"

FROM base
ARG VERSION
ARG BUILD_DATE
LABEL org.opencontainers.image.version="${VERSION}" org.opencontainers.image.created=$BUILD_DATE
