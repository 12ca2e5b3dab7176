FROM golang:1.23 AS base
WORKDIR /src

FROM base AS build
COPY . .
