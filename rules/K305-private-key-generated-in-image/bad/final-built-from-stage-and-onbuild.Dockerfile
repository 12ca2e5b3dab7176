FROM alpine:3.20 AS base
RUN apk add --no-cache gnupg && gpg --batch --quick-generate-key "App <app@example.com>"

FROM base
RUN wg genkey > /etc/wireguard/private.key
ONBUILD RUN keytool -genkeypair -alias app -keystore /opt/app/keystore.jks -storepass changeit -dname CN=app
