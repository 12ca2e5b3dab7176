# syntax=docker/dockerfile:1
FROM alpine:3.20
RUN cat <<EOF > /etc/motd
To log in run: curl -u you:yourpassword https://portal.acme.internal
EOF
