FROM python:3.12-slim
RUN pip install --index-url https://pypi.acme.example/simple acme-utils==1.4.0
ENV PIP_INDEX_URL=https://pypi.acme.example/simple
RUN pip install -i https://download.pytorch.org/whl/cpu torch==2.3.0
