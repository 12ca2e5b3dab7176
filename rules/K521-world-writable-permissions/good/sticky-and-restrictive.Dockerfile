FROM node:22
RUN chmod 1777 /tmp/shared && chmod 755 /app && chmod -R go-w /app
