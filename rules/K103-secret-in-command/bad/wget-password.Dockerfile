FROM alpine:3.20
RUN wget --user=deploy --password=W9gEtPa55 https://files.acme.internal/app.tgz
