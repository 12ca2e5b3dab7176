FROM alpine:3.20
RUN echo "no labels at all, and nothing is required"
