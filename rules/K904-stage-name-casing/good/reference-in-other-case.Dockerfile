FROM golang:1.23 AS builder
FROM alpine:3.20
COPY --from=Builder /out/app /app
