FROM golang:1.22 AS build
RUN go build -o /out/app .
FROM alpine:3.20
COPY --from=0 /out/app /app
RUN --mount=type=cache,target=/root/.cache --mount=from=build,source=/out,target=/mnt ls /mnt
COPY --from=scratch / /
