FROM nginx:1.27
RUN openssl req -x509 -newkey rsa:4096 -nodes -keyout /etc/ssl/private/app.key \
      -out /etc/ssl/certs/app.crt -days 365 -subj "/CN=app"
RUN openssl genrsa -out /etc/ssl/private/other.key 2048
RUN openssl ecparam -name prime256v1 -genkey -out /etc/ssl/private/ec.key
