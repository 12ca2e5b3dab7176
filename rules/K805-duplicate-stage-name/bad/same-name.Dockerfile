FROM golang:1.23 AS build
RUN go build -o /out/api ./cmd/api
FROM node:22 AS build
RUN npm ci
