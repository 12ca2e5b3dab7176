FROM golang:1.23
COPY bin/app-${TARGETARCH} /usr/local/bin/app
