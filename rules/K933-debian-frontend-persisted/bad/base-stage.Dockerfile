FROM debian:12 AS base
env DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get install -y curl

FROM base
COPY app /app
