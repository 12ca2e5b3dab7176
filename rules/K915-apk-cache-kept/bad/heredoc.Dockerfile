FROM alpine:3.20
RUN <<EOF
apk add git
EOF
