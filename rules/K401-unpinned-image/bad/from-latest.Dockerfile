FROM node:latest
WORKDIR /srv
COPY package.json .
RUN npm ci
