FROM debian:bookworm
RUN echo "deb http://deb.debian.org/debian bookworm-backports main" > /etc/apt/sources.list.d/backports.list
RUN sed -i 's|http://deb.debian.org|http://mirror.example.com|g' /etc/apt/sources.list
RUN apk add --repository http://dl-cdn.alpinelinux.org/alpine/edge/testing foo || true
RUN add-apt-repository "deb http://ppa.example.com/ubuntu jammy main"
LABEL org.opencontainers.image.url="http://example.com"
