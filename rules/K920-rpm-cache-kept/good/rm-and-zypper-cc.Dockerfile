FROM centos:7
RUN yum -y install nginx && rm -rf /var/cache/yum
RUN zypper in -y git; zypper cc -a
