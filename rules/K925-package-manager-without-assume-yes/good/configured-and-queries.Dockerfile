FROM centos:7
RUN echo "assumeyes=1" >> /etc/yum.conf
RUN yum install httpd && yum clean all
RUN yum list installed && yum info bash && echo "yum install nothing"
