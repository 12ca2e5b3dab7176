ARG BASE=python:3.12-slim
FROM ${BASE}
ARG BASE
RUN echo "$BASE"
