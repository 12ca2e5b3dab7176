FROM ubuntu:24.04
RUN wget -qO- https://deb.example.com/setup.sh | tee /tmp/log | sudo -E bash -s -- --lts
