FROM debian:12
ARG PKG
ADD $PKG /tmp/
ADD dist/*.whl /wheels/
