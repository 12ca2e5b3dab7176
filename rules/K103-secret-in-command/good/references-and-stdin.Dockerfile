FROM docker:27-cli
ARG REGISTRY_USER
RUN --mount=type=secret,id=registry_password \
    docker login -u "$REGISTRY_USER" --password-stdin registry.acme.internal < /run/secrets/registry_password \
 && docker login -u ci -p "$REGISTRY_PASSWORD" ghcr.io \
 && curl -u "deploy:${DEPLOY_PASSWORD}" https://artifacts.acme.internal/app.tgz \
 && curl -H "Authorization: Bearer $(cat /run/secrets/api_token)" https://api.acme.internal/v1/ping
