FROM node:22
ENV NODE_ENV=production APP_HOME="/srv/my app"
