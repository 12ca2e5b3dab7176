FROM golang:1.22 AS build
RUN go build -o /out/app ./cmd/app
FROM scratch AS export
COPY --from=build /out/app /app
FROM gcr.io/distroless/static-debian12
COPY --from=export / /
