FROM node:22
ENV APP_HOME /srv/my app
