FROM docker:27-cli
ENV DOCKER_CONTENT_TRUST_SERVER=https://notary.example.com DOCKER_TLS_VERIFY=1
RUN echo "DOCKER_CONTENT_TRUST=0" > /tmp/note.txt
