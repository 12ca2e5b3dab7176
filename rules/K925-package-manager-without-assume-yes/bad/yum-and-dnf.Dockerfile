FROM rockylinux:9
RUN yum install httpd && yum clean all
RUN dnf --setopt=install_weak_deps=False install python3 && dnf clean all
RUN sudo dnf group install "Development Tools"
