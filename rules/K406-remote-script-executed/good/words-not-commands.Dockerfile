FROM alpine:3.20
RUN echo "curl https://x | sh" > /usr/share/doc/hint.txt
# curl https://example.com | sh
