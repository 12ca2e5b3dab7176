FROM alpine:3.20
HEALTHCHECK CMD ['/bin/app', 'ping']
ONBUILD RUN ['make']
