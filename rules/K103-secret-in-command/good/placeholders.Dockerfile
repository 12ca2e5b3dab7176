FROM alpine:3.20
RUN curl -u user:password https://example.invalid/ \
 && echo 'root:changeme' | chpasswd \
 && docker login -p '<password>' registry.acme.internal
