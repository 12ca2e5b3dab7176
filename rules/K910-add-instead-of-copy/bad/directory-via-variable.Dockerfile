FROM python:3.12-slim
ARG SRC=src
ADD --chown=app:app ${SRC}/ /app/src/
