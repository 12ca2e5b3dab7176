FROM --platform=linux/amd64 debian:12 AS tools-amd64
FROM alpine:3.20
