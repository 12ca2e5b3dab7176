FROM alpine:3.20 AS base
COPY .env /app/.env

FROM base
USER app
