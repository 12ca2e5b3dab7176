FROM debian:bookworm
WORKDIR /build
RUN make
WORKDIR /
COPY entrypoint.sh /usr/local/bin/entrypoint.sh
RUN rm -rf /build
ENTRYPOINT ["entrypoint.sh"]
