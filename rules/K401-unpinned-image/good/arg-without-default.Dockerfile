# BASE has no default: the image is only known at build time.
ARG BASE
FROM ${BASE}
RUN echo unknown
