FROM alpine:3.20
ARG RUNAS=root
USER $RUNAS
CMD ["sh"]
