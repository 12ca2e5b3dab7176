FROM alpine:3.20 AS a
RUN echo a

FROM alpine:3.20
RUN echo b
ONBUILD RUN echo c
RUN echo d
