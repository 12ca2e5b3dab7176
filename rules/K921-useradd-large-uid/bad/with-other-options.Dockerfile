FROM debian:12
RUN useradd -m -s /bin/sh -u 200000 app
