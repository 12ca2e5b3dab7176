FROM alpine:3.20 AS ctx
COPY --from=context . /src
