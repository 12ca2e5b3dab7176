FROM rockylinux:9
RUN dnf install -y --setopt=install_weak_deps=False httpd python3-pip
RUN zypper --non-interactive install -y git
