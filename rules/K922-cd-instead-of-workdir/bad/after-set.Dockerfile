FROM golang:1.22
RUN set -eux; \
    cd "$GOPATH/src/example.com/tool"; \
    go build ./...
RUN <<EOF
cd /opt/app
make install
EOF
