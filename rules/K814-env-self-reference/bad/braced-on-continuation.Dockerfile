FROM debian:12-slim
ENV VERSION=1.4.2 \
    URL=https://example.com/tool-${VERSION}.tar.gz
RUN echo "$URL"
