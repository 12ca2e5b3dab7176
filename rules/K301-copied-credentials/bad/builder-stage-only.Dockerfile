FROM golang:1.23 AS build
COPY id_rsa /root/.ssh/id_rsa
RUN git config --global url."git@github.com:".insteadOf "https://github.com/" && go build -o /out/app ./...

FROM gcr.io/distroless/static-debian12
COPY --from=build /out/app /app
USER 65532
