FROM debian:bookworm
ARG BIN=/usr/local/bin
WORKDIR $BIN
WORKDIR /usr
WORKDIR sbin
WORKDIR "/proc"
