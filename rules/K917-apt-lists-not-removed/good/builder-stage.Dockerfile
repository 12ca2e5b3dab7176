FROM debian:12 AS build
RUN apt-get update && apt-get install -y gcc
FROM gcr.io/distroless/base-debian12
COPY --from=build /out /out
