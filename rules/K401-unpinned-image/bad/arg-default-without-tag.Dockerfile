# The default is what a plain `docker build` uses.
ARG BASE=python
FROM ${BASE}
RUN pip install flask
