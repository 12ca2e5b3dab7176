FROM node:22-alpine
ONBUILD COPY .npmrc /app/
ONBUILD COPY .env /app/
USER node
