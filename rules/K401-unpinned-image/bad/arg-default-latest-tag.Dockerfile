ARG PYTHON_TAG=latest
FROM python:${PYTHON_TAG}
RUN pip install flask
