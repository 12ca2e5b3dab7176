FROM debian:12
RUN a && \
# a comment
    b
