FROM alpine:3.20
ARG RUNAS
USER ${RUNAS:-root}
CMD ["sh"]
