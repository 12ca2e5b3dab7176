FROM debian:bookworm
ARG CURL_VERSION=7.88.1-10+deb12u8
RUN apt-get update && apt-get install -y --no-install-recommends curl=${CURL_VERSION} "git=1:2.39.5-0+deb12u1"
RUN apk add --no-cache musl-dev~1.2 gcc=13.2.1_git20240309-r0
