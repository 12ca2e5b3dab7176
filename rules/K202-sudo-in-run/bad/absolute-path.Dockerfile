FROM ubuntu:24.04
RUN /usr/bin/sudo ldconfig
USER 10001
