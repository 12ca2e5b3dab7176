FROM python:3.12-slim
ARG FLASK_VERSION=3.0.3
ARG TS_VERSION=5.4.5
RUN pip install "flask==${FLASK_VERSION}" gunicorn~=22.0 \
 && npm install -g typescript@${TS_VERSION} @scope/tool@1.2.3 \
 && gem install bundler -v 2.5.11 \
 && go install golang.org/x/tools/gopls@v0.16.1 \
 && cargo install ripgrep@14.1.0 && cargo install --version 0.9.0 sd
