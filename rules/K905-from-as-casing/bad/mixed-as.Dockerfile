FROM node:22 As build
FROM alpine:3.20 aS final
