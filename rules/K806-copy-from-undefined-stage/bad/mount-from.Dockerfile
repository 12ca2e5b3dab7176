FROM golang:1.23 AS build
FROM alpine:3.20
RUN --mount=from=bulid,source=/out,target=/in cp /in/app /app
