FROM python:3.12-slim
COPY requirements.txt /app/
ADD ["start.sh", "/usr/local/bin/start.sh"]
