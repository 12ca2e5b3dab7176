FROM alpine:3.20
LABEL org.opencontainers.image.source="https://github.com/acme/app" \
      org.opencontainers.image.version="1.2.3-rc.1" \
      org.opencontainers.image.created="2026-11-23T16:00:00Z" \
      org.opencontainers.image.licenses="Apache-2.0 OR MIT" \
      org.opencontainers.image.revision="0123456789abcdef0123456789abcdef01234567" \
      org.opencontainers.image.authors="Ops <ops@example.com>" \
      maintainer="someone"
