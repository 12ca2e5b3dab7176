FROM alpine:3.20 AS fetch
RUN wget --http-password=W9gEtPa55 --http-user=ci https://files.acme.internal/app.tgz

FROM alpine:3.20
COPY --from=fetch /app.tgz /app.tgz
