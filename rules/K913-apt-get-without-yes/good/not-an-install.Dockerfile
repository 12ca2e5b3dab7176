FROM debian:12
RUN echo "apt-get install curl" > /notes && apt-get update
