FROM debian:12
RUN ln -sf /bin/sh /usr/local/bin/mysh
