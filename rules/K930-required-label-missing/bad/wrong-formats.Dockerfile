FROM alpine:3.20
LABEL org.opencontainers.image.source="github.com/acme/app" \
      org.opencontainers.image.version="v1.2" \
      org.opencontainers.image.created="2026-11-23" \
      org.opencontainers.image.licenses="Apache 2" \
      org.opencontainers.image.revision="main" \
      org.opencontainers.image.authors="ops team" \
      maintainer="someone"
