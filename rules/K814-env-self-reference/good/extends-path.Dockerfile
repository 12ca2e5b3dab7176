FROM node:22-alpine
ENV PATH=/opt/tools/bin:$PATH NODE_PATH=$PATH
ENV PATH /usr/local/sbin:$PATH
