FROM ubuntu:24.04
RUN set -e; \
  if true; then apt-get -y install jq; fi
