FROM alpine:3.20
ADD client.p12 /opt/app/
ADD keystore.jks /opt/app/
USER app
