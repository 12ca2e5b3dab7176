ARG BASE=build
FROM golang:1.23 AS build
FROM alpine:3.20
COPY --from=${BASE} /out /out
