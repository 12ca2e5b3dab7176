FROM node:22
COPY --chmod=0666 config.json /app/
