FROM python:3.12-slim@sha256:9c1b2a8f4e7d6c5b4a3928170f6e5d4c3b2a19087f6e5d4c3b2a190817263544 AS build
FROM gcr.io/distroless/python3-debian12:nonroot@sha256:9c1b2a8f4e7d6c5b4a3928170f6e5d4c3b2a19087f6e5d4c3b2a190817263544
COPY --from=build /app /app
