FROM alpine:3.20
# keelson-ignore: K301 -- a throwaway key for the integration test network
COPY test-net.key /etc/app/
USER app
