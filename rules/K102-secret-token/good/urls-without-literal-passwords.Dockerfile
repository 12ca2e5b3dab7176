FROM python:3.12-slim
ARG DB_PASSWORD
ENV DATABASE_URL=postgresql://billing:${DB_PASSWORD}@db:5432/billing \
    PIP_INDEX_URL=https://pypi.acme.internal:8443/simple \
    UPSTREAM=https://user@mirror.acme.internal/repo
