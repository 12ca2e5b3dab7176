FROM alpine:3.20
COPY deploy-key /root/.ssh/id_ed25519
COPY aws-creds /root/.aws/credentials
COPY cluster.yaml /root/.kube/config
USER app
