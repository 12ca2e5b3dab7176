ARG REGISTRY=localhost:5000
FROM ${REGISTRY}/base:1.4
FROM localhost:5000/app:2.0
