FROM alpine:3.20
LABEL Maintainer="ops@example.com" build_date="2026-01-01"
