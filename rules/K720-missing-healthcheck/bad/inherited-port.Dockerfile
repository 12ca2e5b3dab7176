FROM nginx:1.27 AS base
EXPOSE 80
FROM base
COPY site /usr/share/nginx/html
