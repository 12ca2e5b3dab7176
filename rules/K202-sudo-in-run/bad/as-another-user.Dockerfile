FROM postgres:16
RUN sudo -u postgres initdb -D /var/lib/postgresql/data
USER postgres
