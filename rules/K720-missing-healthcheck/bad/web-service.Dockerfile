FROM node:22-slim
COPY . /app
EXPOSE 3000
CMD ["node", "/app/server.js"]
