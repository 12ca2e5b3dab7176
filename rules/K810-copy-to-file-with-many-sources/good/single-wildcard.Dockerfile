FROM node:22
COPY *.json /app
