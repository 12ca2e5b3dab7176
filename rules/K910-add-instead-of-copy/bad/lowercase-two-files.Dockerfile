FROM python:3.12-slim
add a.conf b.conf /etc/app/
