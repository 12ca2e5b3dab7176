FROM alpine:3.20
ARG app_home=/srv
WORKDIR $APP_HOME
