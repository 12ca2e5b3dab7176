FROM python:3.12-slim
ENV DATABASE_URL=postgresql://billing:Kx9mQ2vL7pZr@db.internal:5432/billing
