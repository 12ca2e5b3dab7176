FROM debian:bookworm
RUN ssh-keygen -t ed25519 -N '' -f /tmp/testkey && ./run-tests.sh /tmp/testkey && rm -f /tmp/testkey /tmp/testkey.pub
RUN openssl genrsa -out /tmp/build/k.pem 2048 && sign-artifacts /tmp/build/k.pem && rm -rf /tmp/build
RUN echo "run ssh-keygen -A at start-up" > /etc/motd
