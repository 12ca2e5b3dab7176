FROM debian:bookworm
ADD http://downloads.example.com/tool-1.0.tar.gz /tmp/
RUN curl -fsSLo /tmp/app.tgz http://downloads.example.com/app-2.1.tgz
RUN wget -q "http://mirror.example.org/pub/lib.tar.xz" -O /tmp/lib.tar.xz
ONBUILD ADD http://example.net/plugin.jar /opt/plugins/
