FROM alpine:3.20
ENV DB_PASSWORD=dev-only-local-password
