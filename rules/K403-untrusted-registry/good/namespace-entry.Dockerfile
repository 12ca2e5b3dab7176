FROM ghcr.io/acme/base:2.1
FROM GHCR.io/acme/tools/cli:1.0
