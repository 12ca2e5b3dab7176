FROM ubuntu:24.04 AS build
EXPOSE 22
FROM alpine:3.20
COPY --from=build /out /out
EXPOSE 8080
