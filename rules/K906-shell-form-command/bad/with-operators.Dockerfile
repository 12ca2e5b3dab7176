FROM alpine:3.20
CMD ./start.sh && tail -f /var/log/app.log
