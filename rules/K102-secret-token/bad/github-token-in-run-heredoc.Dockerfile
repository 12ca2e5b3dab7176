# syntax=docker/dockerfile:1
FROM alpine/git:2.45.2
RUN <<EOF
set -e
git clone https://ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d@github.com/acme/private-lib.git /src/lib
EOF
