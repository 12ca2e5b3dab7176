FROM postgres:16
RUN su postgres -c "initdb -D /var/lib/postgresql/data"
