FROM alpine:3.20
VOLUME ["/usr/local/bin/"]
