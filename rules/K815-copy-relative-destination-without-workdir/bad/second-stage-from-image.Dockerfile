FROM golang:1.23 AS build
WORKDIR /src
COPY . .

FROM alpine:3.20
COPY --from=build /src/app bin/app
