FROM rockylinux:9
RUN --mount=type=cache,target=/var/cache/dnf dnf install -y httpd
RUN dnf update -y --refresh --setopt=keepcache=0 || true
