FROM alpine:3.20
ARG CONFIG_FILE
COPY ${CONFIG_FILE} /etc/app/
COPY ${CONFIG_DIR}/app.yaml /etc/app/
USER app
