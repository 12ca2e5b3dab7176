FROM golang:1.23 AS build
HEALTHCHECK CMD ["true"]
FROM alpine:3.20
EXPOSE 8080
