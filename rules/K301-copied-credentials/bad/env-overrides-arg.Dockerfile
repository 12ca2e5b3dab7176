FROM alpine:3.20
ARG CREDS=README.md
ENV CREDS=.git-credentials
COPY $CREDS /root/
USER app
