FROM alpine:3.20
COPY tool.apk /tmp/
RUN apk add --no-cache --allow-untrusted /tmp/tool.apk
