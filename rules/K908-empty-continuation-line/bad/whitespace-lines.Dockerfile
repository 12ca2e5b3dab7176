FROM debian:12
RUN a && \
  
  b && \

  c
