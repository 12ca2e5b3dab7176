FROM debian:bookworm
RUN curl -fsSLo /tmp/install.sh https://get.example.com/install.sh \
 && echo "0f3c2d1e4b5a69788796a5b4c3d2e1f00f3c2d1e4b5a69788796a5b4c3d2e1f0  /tmp/install.sh" | sha256sum -c - \
 && sh /tmp/install.sh
