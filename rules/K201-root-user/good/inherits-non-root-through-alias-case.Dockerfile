FROM node:22-slim AS Runtime
USER node

FROM runtime
COPY . /home/node/app
CMD ["node", "/home/node/app/server.js"]
