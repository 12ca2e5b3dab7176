FROM node:20 AS build
WORKDIR /app
COPY . .
RUN yarn install && yarn build

FROM node:20-slim
WORKDIR /app
COPY --from=build /app/dist ./dist
COPY package.json yarn.lock ./
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --production
