FROM alpine:3.20
# apk add --allow-untrusted is not used here
RUN echo "do not use --allow-untrusted or --nogpgcheck" \
 && grep -r "trusted=yes" /etc/apt || true
