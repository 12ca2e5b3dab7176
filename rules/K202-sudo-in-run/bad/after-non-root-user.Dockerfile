FROM node:22
USER node
RUN sudo chown -R node /srv/app
