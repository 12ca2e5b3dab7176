FROM node:22-slim
USER node
CMD ["node", "index.js"]
