FROM node:22
COPY package.json package-lock.json /app/
COPY a b ./
COPY x y .
