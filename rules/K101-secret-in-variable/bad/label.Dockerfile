FROM alpine:3.20
LABEL org.opencontainers.image.title="billing" \
      com.acme.deploy.api-key="f9Kq2LmZ7wX"
