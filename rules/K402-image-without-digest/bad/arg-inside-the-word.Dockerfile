# the reference ends in the FROM line, so the digest goes there
ARG PY_VERSION=3.12
FROM python:${PY_VERSION}-slim
