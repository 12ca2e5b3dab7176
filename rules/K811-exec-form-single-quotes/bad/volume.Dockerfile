FROM postgres:16
VOLUME ['/var/lib/postgresql/data']
