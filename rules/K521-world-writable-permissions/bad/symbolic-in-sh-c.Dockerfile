FROM node:22
RUN mkdir -p /srv && sh -c "chmod a+rwx /srv"
