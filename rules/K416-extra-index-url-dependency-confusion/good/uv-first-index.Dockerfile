FROM python:3.12-slim
RUN uv pip install --system --extra-index-url https://pypi.acme.example/simple acme-utils==1.4.0
ENV PIP_EXTRA_INDEX_URL=
RUN echo "--extra-index-url https://pypi.acme.example/simple" > /tmp/notes.txt
