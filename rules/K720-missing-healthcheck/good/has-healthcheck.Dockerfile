FROM node:22-slim
EXPOSE 3000
HEALTHCHECK CMD ["node", "/app/healthcheck.js"]
