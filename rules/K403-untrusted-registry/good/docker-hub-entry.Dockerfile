FROM python:3.12
FROM bitnami/redis:7.4
FROM index.docker.io/library/nginx:1.27
FROM docker.io/grafana/grafana:11.1.0
