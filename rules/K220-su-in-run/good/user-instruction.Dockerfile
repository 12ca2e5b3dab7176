FROM postgres:16
USER postgres
RUN initdb -D /var/lib/postgresql/data
USER root
