FROM alpine:3.20
maintainer "ops team"
RUN true
