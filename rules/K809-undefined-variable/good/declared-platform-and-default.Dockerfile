FROM golang:1.23
ARG TARGETARCH
COPY bin/app-${TARGETARCH} /usr/local/bin/app
COPY conf/${PROFILE:-default}.yaml /etc/app.yaml
