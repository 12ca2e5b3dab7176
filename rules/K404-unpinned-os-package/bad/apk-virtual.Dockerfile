FROM alpine:3.20
RUN apk add --no-cache --virtual .build-deps gcc musl-dev=1.2.5-r0
