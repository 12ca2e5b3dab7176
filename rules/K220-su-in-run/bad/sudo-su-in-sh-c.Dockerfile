FROM ubuntu:24.04
RUN sh -c 'sudo su -c "apt-get update"'
RUN ["/bin/su", "-s", "/bin/sh", "-c", "make install", "builder"]
