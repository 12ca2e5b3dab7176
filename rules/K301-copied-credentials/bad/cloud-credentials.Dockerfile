FROM google/cloud-sdk:480.0.0-slim
COPY .aws /root/.aws
COPY .kube/config /root/.kube/config
COPY gcp-service-account.json /secrets/
COPY prod.kubeconfig /etc/
USER app
