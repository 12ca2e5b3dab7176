FROM alpine:3.20 AS base
ENV ADMIN_PASSWORD=Adm1n-2024

FROM base
CMD ["/app/server"]
