FROM rockylinux:9
RUN yum -y install httpd && yum clean all
RUN dnf install --assumeyes git && dnf -qy upgrade && dnf clean all
RUN yes | yum remove vim
RUN microdnf --setopt=assumeyes=1 install tar
