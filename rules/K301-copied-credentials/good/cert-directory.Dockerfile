FROM nginx:1.27
COPY certs/ /etc/nginx/certs/
COPY ssl /etc/ssl/app
COPY secrets/ /app/secrets/
USER nginx
