FROM alpine:3.20
ENTRYPOINT ["/bin/app"]
RUN echo built
ENTRYPOINT ["/bin/app", "--verbose"]
