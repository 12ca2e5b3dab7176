FROM nginx:1.27
WORKDIR /etc/nginx
COPY nginx.conf .
WORKDIR /usr/src/app
WORKDIR /var/www/html
WORKDIR /opt/app
WORKDIR /srv
