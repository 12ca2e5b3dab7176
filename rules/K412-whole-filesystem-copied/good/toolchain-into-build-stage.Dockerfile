FROM tonistiigi/xx:1.4 AS xx
FROM golang:1.22-alpine AS build
COPY --from=xx / /
RUN xx-go build -o /out/app ./cmd/app
FROM alpine:3.20
COPY --from=build /out/app /usr/local/bin/app
