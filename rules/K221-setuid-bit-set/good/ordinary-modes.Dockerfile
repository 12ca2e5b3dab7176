FROM alpine:3.20
COPY --chmod=0755 entrypoint.sh /entrypoint.sh
RUN chmod 755 /entrypoint.sh && chmod 1777 /tmp/cache && chmod -R go-w /app \
 && install -m 0644 app.conf /etc/app.conf
RUN install --verbose --directory --owner postgres --group postgres --mode 3777 /var/run/postgresql
