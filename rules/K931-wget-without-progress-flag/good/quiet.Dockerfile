FROM debian:12
RUN wget -q https://example.com/a.tgz && wget -qO- https://example.com/b | sh
RUN wget --quiet -O /tmp/c https://example.com/c
