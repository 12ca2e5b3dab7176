FROM python:3.12-slim
WORKDIR /app
COPY deploy_ed25519 /tmp/
RUN pip install git+ssh://git@github.com/acme/lib.git && rm /tmp/deploy_ed25519
USER app
