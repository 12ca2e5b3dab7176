FROM node:20 AS base
WORKDIR /app
RUN yarn --cwd /app add express

FROM base
RUN sh -c "yarn add lodash"
