FROM alpine:3.20
ARG BASE_URL=https://downloads.example.com
ADD --chmod=755 ${BASE_URL}/tool.tgz /opt/
