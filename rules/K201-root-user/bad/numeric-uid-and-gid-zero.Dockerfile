FROM debian:bookworm-slim
USER 0:0
ENTRYPOINT ["/usr/local/bin/server"]
