FROM golang:1.23 AS build
USER root
RUN go build -o /out/app .

FROM debian:bookworm-slim
COPY --from=build /out/app /usr/local/bin/app
USER 10001:10001
CMD ["app"]
