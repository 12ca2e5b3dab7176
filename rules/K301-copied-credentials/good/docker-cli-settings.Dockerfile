FROM docker:27-cli
# only output formats: a destination alone does not make a file a credential
COPY config/config.json /root/.docker/config.json
USER app
