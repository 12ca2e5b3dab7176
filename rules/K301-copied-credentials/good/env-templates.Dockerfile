FROM node:22-alpine
WORKDIR /app
COPY .env.example .env.sample .env.template .env.dist ./
COPY .env.defaults ./
USER node
