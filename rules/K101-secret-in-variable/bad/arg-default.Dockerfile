FROM node:22-alpine
ARG NPM_AUTH_TOKEN=s3cr3t-build-token
RUN npm ci
