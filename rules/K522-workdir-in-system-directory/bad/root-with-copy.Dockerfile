FROM node:22-slim
WORKDIR /
COPY . .
RUN npm ci
