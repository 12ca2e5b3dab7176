FROM debian:bookworm
# apt-key add is deprecated; we use keyrings instead.
RUN echo "apt-key add is not used here" && gpg --dearmor < /tmp/key.asc > /etc/apt/keyrings/k.gpg
RUN rm -f /usr/bin/apt-key
