FROM ubuntu:24.04
COPY --from=quay.io/prometheus/node-exporter:v1.8.2 /bin/node_exporter /usr/local/bin/
