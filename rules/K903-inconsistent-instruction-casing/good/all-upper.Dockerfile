FROM alpine:3.20
RUN echo from here
COPY app /app
