FROM alpine:3.20
COPY example.key /usr/share/doc/app/
COPY id_rsa.sample /usr/share/doc/app/
COPY secrets.example.yaml /usr/share/doc/app/
USER app
