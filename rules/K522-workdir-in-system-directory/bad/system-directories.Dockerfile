FROM python:3.12-slim
WORKDIR /usr/bin
COPY tool.py .
WORKDIR /etc/
RUN cp /tmp/app.conf .
WORKDIR /lib64
