FROM node:22-alpine
ARG NPM_TOKEN=npm_F4vUCsMehGAkWvj7FAc9QeWJKY40uvSwMFLZ
RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci
