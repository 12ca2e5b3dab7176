ARG GO=golang
FROM ${GO} AS build
RUN go build -o /out/app .

FROM ${GO} AS test
RUN go test ./...

FROM gcr.io/distroless/static:nonroot
COPY --from=build /out/app /app
