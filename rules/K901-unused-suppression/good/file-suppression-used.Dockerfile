FROM alpine:3.20
# keelson-ignore-file: root-user
RUN echo hi
