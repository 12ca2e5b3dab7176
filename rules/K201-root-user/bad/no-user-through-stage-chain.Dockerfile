FROM node:22-slim AS deps
RUN npm ci

FROM deps AS runtime
COPY . .
CMD ["node", "server.js"]
