FROM alpine:3.20
RUN apk add --no-cache git
# fetch the sources
RUN git clone https://example.com/app.git /src
RUN rm -rf /src/.git
