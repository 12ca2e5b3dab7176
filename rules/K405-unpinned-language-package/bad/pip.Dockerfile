FROM python:3.12-slim
RUN pip install --no-cache-dir --upgrade pip setuptools \
 && pip install --no-cache-dir flask "gunicorn>=21" requests==2.32.3
RUN python3 -m pip install -i https://pypi.org/simple uvicorn
