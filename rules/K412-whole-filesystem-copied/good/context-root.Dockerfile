FROM node:20-slim
WORKDIR /app
COPY . .
COPY / /srv/
