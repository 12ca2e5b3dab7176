FROM golang:1.23
WORKDIR /src
WORKDIR cmd/server
RUN go build .
