FROM ubuntu:24.04
RUN apt-get update && apt-get remove -y curl && apt-get install-check
