FROM --platform=linux/arm64/v8 golang:1.23 AS build
FROM alpine:3.20
