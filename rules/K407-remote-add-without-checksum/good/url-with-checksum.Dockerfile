# syntax=docker/dockerfile:1
FROM alpine:3.20
ARG TOOL_SHA256=24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d
ADD --checksum=sha256:${TOOL_SHA256} https://github.com/example/tool/releases/download/v1.4.2/tool /usr/local/bin/tool
