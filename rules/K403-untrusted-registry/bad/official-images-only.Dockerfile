FROM nginx:1.27
FROM bitnami/redis:7.4
