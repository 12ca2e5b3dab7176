FROM docker:27-cli
ARG DOCKER_CONTENT_TRUST=false
RUN DOCKER_CONTENT_TRUST=0 docker pull example/tool:1.2 \
 && export DOCKER_CONTENT_TRUST=0
