FROM rockylinux:9
ARG PACKAGES="curl git"
RUN dnf install -y /tmp/tool-1.0.rpm https://example.com/other.rpm @development $PACKAGES \
 && dnf install -y httpd-2.4.57 python3-pip-21.3.1
