FROM debian:bookworm
RUN apt-get update && apt-get remove -y curl && apt-cache policy git \
 && echo "apt-get install curl" && zypper install -t pattern devel_basis
