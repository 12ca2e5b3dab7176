FROM alpine:3.20 AS build
LABEL org.opencontainers.image.source="https://example.com/repo"

FROM alpine:3.20
LABEL org.opencontainers.image.version="1.2.3"
