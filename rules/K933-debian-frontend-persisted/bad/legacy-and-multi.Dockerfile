FROM ubuntu:24.04
ENV TZ=UTC DEBIAN_FRONTEND="noninteractive"
