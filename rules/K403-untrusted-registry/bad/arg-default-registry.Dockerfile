ARG REGISTRY=registry.example.com
FROM ${REGISTRY}/acme/app:1.0
