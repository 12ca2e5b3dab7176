FROM alpine:3.20
ENV DB_PASSWORD=changeme \
    API_KEY=<your-api-key> \
    SECRET_KEY=xxxxxxxxxxxx \
    ADMIN_PASSWORD=change_me_please \
    JWT_SECRET="{{ .Values.jwtSecret }}" \
    SMTP_PASSWORD=__SMTP_PASSWORD__
