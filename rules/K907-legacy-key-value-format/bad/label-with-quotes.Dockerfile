FROM node:22
LABEL maintainer "Jane <jane@example.com>"
