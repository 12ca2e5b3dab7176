FROM python:3.12-slim
WORKDIR /app
ENV DB_HOST=db \
    DB_PASSWORD=hunter2 \
    DB_PORT=5432
CMD ["gunicorn", "app:app"]
