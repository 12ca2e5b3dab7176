FROM alpine:3.20 AS Base
USER root
RUN apk add --no-cache tini

FROM base
COPY app /app
ENTRYPOINT ["tini", "--", "/app"]
