FROM node:20 AS assets
RUN npm ci && npm run build

# `nginx` is not a stage of this file (the stage is `assets`): Docker pulls it from Docker Hub
FROM nginx
COPY --from=assets /dist /usr/share/nginx/html
