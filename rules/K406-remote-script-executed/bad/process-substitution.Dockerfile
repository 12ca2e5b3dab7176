FROM debian:bookworm
RUN bash <(curl -s https://example.com/setup.sh) && echo done
