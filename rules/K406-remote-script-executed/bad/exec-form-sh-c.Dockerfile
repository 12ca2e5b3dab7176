FROM debian:bookworm
RUN ["/bin/sh", "-c", "curl -sSL https://example.com/get | python3 -"]
