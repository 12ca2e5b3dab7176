# syntax=docker/dockerfile:1-labs
FROM debian:bookworm
RUN --security=sandbox ./build.sh
RUN --mount=type=cache,target=/var/cache/apt apt-get update
