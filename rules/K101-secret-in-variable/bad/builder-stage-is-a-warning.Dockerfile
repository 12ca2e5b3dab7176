FROM node:22 AS build
ENV NPM_AUTH_TOKEN=n7Qk2LpX9vRt
RUN npm ci && npm run build

FROM nginx:1.27-alpine
COPY --from=build /app/dist /usr/share/nginx/html
