FROM debian:12 AS build
RUN curl -fsSLO https://example.com/src.tgz
RUN wget -q https://example.com/patch.diff

FROM debian:12
RUN wget -q https://example.com/tool && sh -c 'curl -fsS https://example.com/ping'
