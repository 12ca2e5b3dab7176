FROM debian:bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends -t bookworm-backports curl git ca-certificates=20230311
