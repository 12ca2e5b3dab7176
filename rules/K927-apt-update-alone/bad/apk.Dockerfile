FROM alpine:3.20
RUN apk update
RUN apk add curl
RUN sh -c "apt-get -q update"
