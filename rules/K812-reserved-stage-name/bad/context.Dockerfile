FROM node:22 AS context
RUN npm ci
