FROM alpine:3.20
RUN apk add --no-cache git openssh-client
COPY id_rsa /root/.ssh/id_rsa
RUN git clone git@github.com:acme/private.git /src
USER app
