FROM node:20 AS deps
RUN npm ci
FROM node:20-slim
COPY --from=0 ./ /app/
COPY --from=deps --chown=node /. /srv/
