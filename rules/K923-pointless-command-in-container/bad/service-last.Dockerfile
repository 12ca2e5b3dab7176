FROM debian:12
RUN apt-get install -y nginx && service nginx start
RUN systemctl restart ssh
