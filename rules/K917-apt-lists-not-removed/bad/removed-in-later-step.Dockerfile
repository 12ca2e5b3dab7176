FROM debian:12 AS base
RUN apt-get update
FROM base
RUN rm -rf /var/lib/apt/lists/*
