FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS build
RUN go build -o /out/app .
FROM --platform=linux/amd64 alpine:3.20
COPY --from=build /out/app /app
