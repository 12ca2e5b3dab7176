FROM debian:12
RUN echo "$SHA  file.tgz" | sha256sum -c - && cat list.txt | xargs apt-get install -y
