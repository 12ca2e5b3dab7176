FROM node:20-bookworm
ENV NODE_TLS_REJECT_UNAUTHORIZED=0 \
    PYTHONHTTPSVERIFY=0
ARG PIP_TRUSTED_HOST=pypi.internal
RUN GIT_SSL_NO_VERIFY=true git clone https://git.example.com/app /app
