FROM debian:bookworm
RUN <<EOF
set -e
./configure
sudo make install
EOF
USER 10001
