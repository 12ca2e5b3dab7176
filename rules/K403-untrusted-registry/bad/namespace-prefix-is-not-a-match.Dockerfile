# a namespace entry matches whole path components only
FROM ghcr.io/acme-corp/base:2.1
FROM ghcr.io/acme/base:2.1
