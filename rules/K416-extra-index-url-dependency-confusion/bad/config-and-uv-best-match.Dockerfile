FROM python:3.12-slim
RUN pip config set global.extra-index-url https://pypi.acme.example/simple
RUN uv pip install --system --index-strategy unsafe-best-match --extra-index-url https://pypi.acme.example/simple acme-utils
