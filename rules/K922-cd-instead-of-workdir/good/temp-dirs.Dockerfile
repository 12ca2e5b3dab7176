FROM debian:12
RUN cd /tmp && curl -fsSLO https://example.com/x.tgz && tar xf x.tgz && rm x.tgz
RUN cd "$(mktemp -d)" && echo build
RUN cd - && echo back
