FROM debian:12
ADD rootfs.tar.xz /
ADD vendor.tgz /opt/
