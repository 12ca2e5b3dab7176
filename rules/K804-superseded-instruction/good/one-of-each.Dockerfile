FROM alpine:3.20
ENTRYPOINT ["/bin/app"]
CMD ["--help"]
HEALTHCHECK CMD ["/bin/app", "ping"]
