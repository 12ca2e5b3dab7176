FROM alpine:3.20 AS keys
RUN apk add --no-cache openssh-keygen && ssh-keygen -t ed25519 -N "" -f /keys/id_ed25519

FROM alpine:3.20 AS unused
COPY --from=keys /keys/id_ed25519 /tmp/

FROM alpine:3.20
COPY --from=keys /keys/id_ed25519.pub /etc/app/
USER app
