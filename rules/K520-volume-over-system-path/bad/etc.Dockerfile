FROM nginx:1.27
VOLUME /etc /usr/share/nginx/html
