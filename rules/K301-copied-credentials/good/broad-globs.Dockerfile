FROM python:3.12-slim
WORKDIR /app
COPY *.json ./
COPY config.* ./
COPY requirements*.txt ./
COPY library-scripts/*.env /tmp/library-scripts/
COPY . .
USER app
