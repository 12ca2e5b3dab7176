FROM alpine:3.20
RUN VERSION="$(sudo cat /opt/app/VERSION)" && echo "$VERSION" > /version
USER 10001
