FROM alpine:3.20 AS certs
FROM scratch
COPY --from=certs /etc/ssl /etc/ssl
