FROM alpine:3.20 AS certs
RUN apk add --no-cache openssl && openssl req -x509 -newkey rsa:2048 -nodes -keyout /tls/server.key -out /tls/server.crt -subj /CN=app

FROM alpine:3.20
COPY --from=certs /tls/server.key /etc/tls/server.key
COPY --from=certs /tls/server.crt /etc/tls/server.crt
USER app
