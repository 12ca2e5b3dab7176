FROM debian:bookworm
RUN sh -ec 'cd /src && sudo make install'
USER 10001
