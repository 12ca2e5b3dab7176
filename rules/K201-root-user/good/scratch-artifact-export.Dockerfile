FROM golang:1.23 AS build
RUN go build -o /out/app .

FROM scratch AS export
COPY --from=build /out/app /
