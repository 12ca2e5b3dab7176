FROM alpine:3.20
RUN echo build step
ENTRYPOINT ["/app"]
CMD ["--port", "80"]
