FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends vim procps openssh-client \
    && rm -rf /var/lib/apt/lists/*
RUN echo "run top to see processes" > /etc/motd
