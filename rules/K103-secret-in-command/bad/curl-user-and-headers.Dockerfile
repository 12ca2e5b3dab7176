FROM alpine:3.20
RUN apk add --no-cache curl wget \
 && curl -fsSLu deploy:Tr0ub4dor https://artifacts.acme.internal/app.tgz -o /tmp/app.tgz \
 && curl -H "Authorization: Bearer 7f3a9c2e1b7d4f6a0c5e" https://api.acme.internal/v1/ping \
 && wget --header="X-API-Key: k3yV4lue99abc" https://metrics.acme.internal/agent.sh
