FROM alpine:3.20
# MAINTAINER Jane Doe
LABEL maintainer="jane@example.com"
