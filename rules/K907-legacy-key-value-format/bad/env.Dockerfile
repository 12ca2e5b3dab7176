FROM node:22
ENV NODE_ENV production
