FROM alpine:3.20
RUN mkdir -p /root/.ssh \
 && echo "github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl" >> /root/.ssh/known_hosts
RUN ssh-keyscan github.com > /tmp/scanned && ssh-keygen -lf /tmp/scanned
ENV NOT_SSH="StrictHostKeyCheckingHint=no"
