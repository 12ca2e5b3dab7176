FROM debian:bookworm
RUN apt-get update --allow-insecure-repositories \
 && apt-get install -y --force-yes curl \
 && apt-get install -y -o APT::Get::AllowUnauthenticated=true git
