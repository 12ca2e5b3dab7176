FROM ghcr.io/acme/go:1.22 AS build
FROM build AS test
FROM scratch
COPY --from=build /app /app
