FROM debian:12
ARG UID=1000000
RUN useradd -u "$UID" app
