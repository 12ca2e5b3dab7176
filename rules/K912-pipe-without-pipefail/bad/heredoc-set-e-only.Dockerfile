FROM debian:12
RUN <<EOF
set -e
git log | head -1 > /version
EOF
