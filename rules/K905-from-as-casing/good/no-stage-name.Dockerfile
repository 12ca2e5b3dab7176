FROM node:22
FROM alpine:3.20
