FROM node:22-slim
RUN --network=none npm ci --offline
RUN --network=default npm run build
RUN npm test
