FROM alpine:3.20
RUN apk add --no-cache su-exec && su-exec nobody true && setpriv --reuid=65534 true
