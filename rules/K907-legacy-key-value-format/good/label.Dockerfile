FROM node:22
LABEL org.opencontainers.image.title=web
