FROM debian:12
RUN apt-get install -y wget && echo "wget https://example.com"
RUN curl -fsSLO https://example.com/a.tgz
