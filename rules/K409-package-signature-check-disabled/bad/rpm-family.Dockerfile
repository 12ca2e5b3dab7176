FROM rockylinux:9
RUN dnf install -y --nogpgcheck https://example.com/tool.rpm \
 && rpm -ivh --nosignature /tmp/other.rpm
RUN zypper --no-gpg-checks install -y git
