FROM alpine:3.20 AS scratch
RUN apk add --no-cache ca-certificates
