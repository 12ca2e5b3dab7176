FROM alpine:3.20
# keelson-ignore: K101 -- published default of the demo image
ENV DEMO_PASSWORD=demo-pass-2024
