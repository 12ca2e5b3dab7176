FROM python:3.12-slim
ENV PIP_EXTRA_INDEX_URL=https://pypi.acme.example/simple
ARG PIP_EXTRA_INDEX_URL=https://pypi.other.example/simple
RUN PIP_EXTRA_INDEX_URL=https://pypi.acme.example/simple pip install acme-utils==1.4.0
