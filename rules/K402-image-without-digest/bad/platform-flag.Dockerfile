FROM --platform=linux/arm64 golang:1.22 AS build
