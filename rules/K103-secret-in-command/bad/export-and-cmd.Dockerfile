FROM python:3.12-slim
RUN export DJANGO_SUPERUSER_PASSWORD=Dj4ngo-Adm1n && python manage.py createsuperuser --noinput
CMD ["gunicorn", "app.wsgi", "--api-token=tK9mQ2vL7pZr"]
