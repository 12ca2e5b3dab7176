FROM alpine:3.20 AS certs
RUN apk add --no-cache openssl \
 && openssl req -x509 -newkey rsa:2048 -nodes -keyout /tmp/ca.key -out /tmp/ca.crt -subj "/CN=test"

FROM alpine:3.20
COPY --from=certs /tmp/ca.crt /usr/local/share/ca-certificates/test.crt
