FROM alpine:3.20
RUN chmod 4755 /usr/bin/helper \
 && install -m 6755 helper2 /usr/bin/helper2 \
 && chmod 2775 /srv/shared
