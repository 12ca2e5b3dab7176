FROM debian:12
WORKDIR /app
RUN git clone https://example.com/lib.git && cd lib && make && cd .. && rm -rf lib
RUN echo cd /nowhere
