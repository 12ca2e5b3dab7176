FROM debian:12
RUN wget --progress=dot:giga https://example.com/a.tgz
RUN wget -nv https://example.com/b.tgz && wget --no-verbose https://example.com/c.tgz
RUN wget -o /tmp/wget.log https://example.com/d.tgz
