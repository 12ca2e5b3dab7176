FROM rockylinux:9
RUN dnf -y update && dnf clean all
RUN zypper --non-interactive update
