FROM debian:12
RUN if apt-get install -s "postgresql-16-jit" > /dev/null 2>&1; then echo ok; fi
