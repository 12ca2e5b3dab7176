FROM alpine:3.20
ENV BASE=debian:12
FROM ${BASE}
