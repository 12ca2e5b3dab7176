FROM --platform=linux/amd64 alpine:3.20 AS amd64
FROM --platform=$TARGETOS/$TARGETARCH alpine:3.20
FROM alpine:3.20
RUN echo "--platform=$TARGETPLATFORM"
