FROM node:20
WORKDIR /app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile && yarn cache clean
RUN yarn add express && rm -rf /usr/local/share/.cache/yarn
