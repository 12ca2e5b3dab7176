FROM node:20-alpine
WORKDIR /app
COPY . .
RUN yarn && yarn build
RUN yarn global add serve
