FROM --platform=$BUILDPLATFORM golang AS build
RUN go build -o /out/app .

FROM alpine:3.20
COPY --from=build /out/app /app
