FROM alpine:3.20
LABEL org.opencontainers.image.source="https://example.com/repo" \
      org.opencontainers.image.version="1.2.3"
LABEL maintainer="ops@example.com" version=2 description="the app"
