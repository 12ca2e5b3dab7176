FROM debian:bookworm
RUN curl -fsSL -o ./-k.txt https://example.com/file \
 && sort -k 2 list.txt \
 && echo "never use curl -k or --no-check-certificate" \
 && tar -xkf archive.tar
