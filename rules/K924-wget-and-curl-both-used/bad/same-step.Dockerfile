FROM debian:12
RUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz && wget -q https://example.com/b.tgz
