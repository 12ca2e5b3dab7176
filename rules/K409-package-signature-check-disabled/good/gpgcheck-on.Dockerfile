FROM rockylinux:9
RUN printf '[example]\nbaseurl=https://repo.example.com\ngpgcheck=1\nrepo_gpgcheck=0\n' > /etc/yum.repos.d/example.repo \
 && rpm --import https://repo.example.com/key.asc \
 && dnf install -y git
RUN sed -i 's/gpgcheck=0/gpgcheck=1/' /etc/yum.repos.d/*.repo && sed -i '/gpgcheck=0/d' /etc/dnf/dnf.conf
