FROM alpine:3.20
RUN apk add curl && rm -rf /var/cache/apk/*
