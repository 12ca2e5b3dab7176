FROM alpine:3.20
RUN VERSION="$(curl -fsSL https://example.com/latest)" \
 && sh ./install.sh --version "$(curl -fsSL https://example.com/latest)"
