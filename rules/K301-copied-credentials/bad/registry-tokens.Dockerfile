FROM python:3.12-slim
COPY .pypirc /root/.pypirc
COPY .npmrc /root/
COPY .netrc /root/.netrc
COPY .git-credentials /root/
USER app
