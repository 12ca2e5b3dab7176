# syntax=docker/dockerfile:1
FROM alpine:3.20
COPY <<EOF /etc/app/signing.pub
-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
-----END PUBLIC KEY-----
EOF
COPY <<EOF /etc/app/key.template
-----BEGIN RSA PRIVATE KEY-----
...paste the key here...
-----END RSA PRIVATE KEY-----
EOF
