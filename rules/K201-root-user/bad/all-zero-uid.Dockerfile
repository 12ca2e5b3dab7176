FROM alpine:3.20
USER 000
CMD ["sh"]
