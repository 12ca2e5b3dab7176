FROM node:20
COPY . /usr/src/app
RUN cd /usr/src/app; npm install
RUN cd $APP_HOME && ./build.sh
RUN cd /opt/service && make
