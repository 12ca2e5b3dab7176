FROM alpine:3.20
ADD https://github.com/example/tool/releases/download/v1.4.2/tool-linux-amd64 /usr/local/bin/tool
