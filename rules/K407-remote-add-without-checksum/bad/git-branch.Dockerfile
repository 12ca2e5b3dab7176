FROM alpine:3.20
ADD https://github.com/example/config.git#main /etc/example
ADD git@github.com:example/private.git /src/private
