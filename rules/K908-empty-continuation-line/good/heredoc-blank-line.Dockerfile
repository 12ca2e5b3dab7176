FROM debian:12
RUN <<EOF
set -e

echo hi
EOF
