FROM node:22-slim
RUN --network=host npm ci
RUN --mount=type=cache,target=/root/.npm --network=host npm run build
ONBUILD RUN --network=host ./fetch.sh
