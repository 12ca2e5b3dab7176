FROM debian:12
RUN service postgresql start && su postgres -c "createdb app" && service postgresql stop
RUN kill "$(pidof dockerd)" || true
RUN ps aux | grep -q '[n]ginx' || echo "not running"
