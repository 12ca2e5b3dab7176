FROM debian:12
RUN wget -O /tmp/app.tgz https://example.com/app.tgz
RUN wget --no-check-certificate -c https://example.com/big.iso
