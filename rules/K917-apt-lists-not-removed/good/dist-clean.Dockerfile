FROM debian:13
RUN set -eux; apt-get update; apt-get install -y --no-install-recommends git; apt-get dist-clean
