FROM node:20-slim
RUN npm install -g typescript @angular/cli@latest \
 && yarn global add pm2
