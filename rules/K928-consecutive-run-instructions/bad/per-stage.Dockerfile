FROM golang:1.22 AS build
RUN --mount=type=cache,target=/root/.cache go build ./...
RUN --mount=type=cache,target=/root/.cache go test ./...

FROM alpine:3.20
RUN adduser -D app
RUN mkdir /data && chown app /data
