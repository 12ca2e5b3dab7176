FROM debian:12
RUN apt-get update && apt-get install -y curl
COPY app /app
RUN /app/setup
