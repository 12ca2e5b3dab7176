ARG PLATFORM=linux/amd64
FROM --platform=${PLATFORM} alpine:3.20
