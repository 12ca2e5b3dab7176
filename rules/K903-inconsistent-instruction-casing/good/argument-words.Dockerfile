FROM alpine:3.20
RUN echo hi && \
    run-parts /etc/x
