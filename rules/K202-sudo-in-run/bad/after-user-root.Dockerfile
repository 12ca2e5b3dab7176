FROM node:22
USER root
RUN sudo -E npm install -g pnpm
USER node
