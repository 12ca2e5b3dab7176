FROM debian:bookworm
RUN bash <<SCRIPT
  make
  sudo make install
SCRIPT
USER 10001
