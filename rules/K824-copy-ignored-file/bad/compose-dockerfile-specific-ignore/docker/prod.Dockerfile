FROM alpine:3.20
COPY README.md CHANGELOG.md /docs/
COPY secrets/ca.crt /usr/local/share/ca-certificates/
