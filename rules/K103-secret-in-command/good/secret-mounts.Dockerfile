# syntax=docker/dockerfile:1
FROM node:22-alpine
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
RUN --mount=type=secret,id=db_password,env=MYSQL_PWD mysql -uroot -e "SELECT 1"
