FROM golang:1.22 AS Build
RUN go build -o /out/app .

FROM BUILD AS test
RUN go test ./...

FROM build
COPY --from=BUILD /out/app /app
