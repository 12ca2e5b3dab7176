FROM alpine:3.20
RUN wget -qO- https://example.com/install.sh > /tmp/i.sh
RUN apk add --no-cache curl
RUN curl -fsSL https://example.com/data.json -o /srv/data.json
