FROM alpine:3.20
ENV GIT_SSH_COMMAND="ssh -o StrictHostKeyChecking=no"
ARG SSH_OPTS="-o UserKnownHostsFile=/dev/null"
RUN --mount=type=ssh GIT_SSH_COMMAND='ssh -o StrictHostKeyChecking=no' git clone git@github.com:example/app.git /src
RUN git -c core.sshCommand="ssh -o StrictHostKeyChecking=no" clone git@github.com:example/lib.git /lib
RUN git config --global core.sshCommand 'ssh -oStrictHostKeyChecking=no'
