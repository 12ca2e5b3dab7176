FROM alpine:3.20
COPY --from=2 /a /a
