FROM postgres:16
ENV POSTGRES_PASSWORD_FILE=/run/secrets/db_password \
    SECRET_KEY_PATH=/etc/app/secret.key \
    API_TOKEN=/run/secrets/api_token \
    TLS_PRIVATE_KEY=./certs/server.key
