FROM rockylinux:9
RUN echo "sslverify=0" >> /etc/yum.conf \
 && dnf --setopt=sslverify=false install -y git
