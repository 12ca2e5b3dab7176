FROM python:3.12-slim
ARG MIRROR=http://mirror.example.com
ENV PIP_INDEX_URL=http://pypi.example.com/simple
ENV NPM_CONFIG_REGISTRY="http://npm.example.com/"
RUN curl -fsSL "$MIRROR/tool.tgz" -o /tmp/tool.tgz
RUN PIP_EXTRA_INDEX_URL=http://extra.example.com/simple pip install app==1.0
ARG TOOL_URL=http://downloads.example.com/t.tgz
ADD ${TOOL_URL} /tmp/
