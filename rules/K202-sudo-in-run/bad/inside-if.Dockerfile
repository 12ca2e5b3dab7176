FROM ubuntu:24.04
RUN if [ -x /usr/bin/sudo ]; then sudo ldconfig; fi
USER 10001
