FROM ubuntu:24.04
ONBUILD RUN sudo make install
USER 10001
