FROM debian:12
RUN set -eux -o pipefail; curl -fsSL https://example.com/t.tgz | tar -xz
RUN set -euxo pipefail && wget -qO- https://example.com/x | sh
