FROM alpine:3.20
RUN apk add --virtual .build gcc musl-dev && make
