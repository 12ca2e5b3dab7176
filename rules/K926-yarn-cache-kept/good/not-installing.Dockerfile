FROM node:20
WORKDIR /app
COPY . .
RUN yarn build && yarn test
RUN yarn install --cache-folder /tmp/yc && rm -rf /tmp/yc
RUN echo "yarn install" > /dev/null
RUN yarn --version && yarn -v
