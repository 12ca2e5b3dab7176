FROM python:3.12-slim
COPY corp-ca.crt /usr/local/share/ca-certificates/corp-ca.crt
RUN update-ca-certificates
ENV PIP_CERT=/etc/ssl/certs/ca-certificates.crt NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
RUN pip install --index-url https://pypi.internal/simple -r requirements.txt \
 && curl --cacert /etc/ssl/certs/ca-certificates.crt -fsSL https://example.com/x -o /tmp/x
