FROM nginx:1.27
COPY *.pem /etc/nginx/tls/
COPY tls/*.key /etc/nginx/tls/
COPY .env* /srv/
USER nginx
