FROM golang:1.23 AS build
FROM build AS test
FROM build
