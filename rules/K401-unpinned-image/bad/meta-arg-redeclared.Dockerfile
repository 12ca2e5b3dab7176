ARG BASE=python:3.12-slim
# a later declaration replaces the earlier default
ARG BASE=python
FROM $BASE
