FROM alpine:3.20
ADD https://github.com/example/config.git#8c2a1f0e6b1d4a5c9e7f3b2d1a0c9e8f7d6b5a4c /etc/example
