FROM alpine:3.20
RUN apk add \

    # a comment inside the continuation
    curl
USER app
