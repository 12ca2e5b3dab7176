FROM alpine:3.20 AS app
COPY --from=assets /dist /srv
FROM node:22 AS assets
RUN npm run build
