FROM node:22
COPY --chmod=755 entrypoint.sh /
RUN chmod 666 /dev/null
