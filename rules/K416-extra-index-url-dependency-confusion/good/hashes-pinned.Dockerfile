FROM python:3.12-slim
COPY requirements.txt .
RUN pip install --require-hashes --extra-index-url https://pypi.acme.example/simple -r requirements.txt
RUN pip install --no-index --find-links /wheels --extra-index-url https://pypi.acme.example/simple acme-utils
