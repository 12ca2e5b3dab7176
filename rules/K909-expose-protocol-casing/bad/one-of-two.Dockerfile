FROM nginx:1.27
EXPOSE 80/tcp 53/Udp
