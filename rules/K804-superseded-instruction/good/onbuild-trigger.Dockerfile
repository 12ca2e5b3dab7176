FROM alpine:3.20
ONBUILD CMD ["child"]
CMD ["parent"]
