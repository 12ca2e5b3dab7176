FROM python:3.12-slim
WORKDIR /app
COPY passwd /etc/passwd
COPY credentials.py keys.py secret_manager.py ./
COPY app.env ./
COPY truststore.jks /opt/app/
USER app
