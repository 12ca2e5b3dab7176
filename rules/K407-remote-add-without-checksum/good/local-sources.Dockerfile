FROM alpine:3.20
ADD rootfs.tar.gz /
ADD ./https-config/ /etc/https/
COPY app.conf /etc/app.conf
