# syntax=docker/dockerfile:1
FROM node:22-alpine
RUN cat <<EOF > /root/.npmrc
//npm.acme.internal/:_authToken=3f9a1c7e-5b2d-4f40-8a9c-3e1b7d5f2a8c
EOF
