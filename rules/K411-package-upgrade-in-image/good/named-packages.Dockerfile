FROM rockylinux:9
RUN dnf -y update openssl && apk upgrade openssl || true
RUN apt-get install -y --only-upgrade openssl && apk add --upgrade --no-cache curl
RUN apt-get upgrade -y libxml2
