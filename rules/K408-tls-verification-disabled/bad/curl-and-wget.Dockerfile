FROM debian:bookworm
RUN curl -fsSLk https://example.com/tool -o /usr/local/bin/tool \
 && wget --no-check-certificate -q https://example.com/data.tgz
