FROM amazon/aws-cli:2.17.0
RUN aws configure set aws_access_key_id AKIA5EFR6EDT4SYWB5WK \
 && aws configure set aws_secret_access_key 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 \
 && aws s3 cp s3://acme-artifacts/app.tgz /tmp/
