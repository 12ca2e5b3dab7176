FROM alpine:3.20 AS fetch
RUN wget -q https://example.com/app.tgz

FROM debian:12
COPY --from=fetch /app.tgz /tmp/
RUN curl -fsSL https://example.com/cfg -o /etc/app.cfg
