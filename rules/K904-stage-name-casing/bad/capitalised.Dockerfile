FROM golang:1.23 AS Builder
RUN go build -o /out/app .
