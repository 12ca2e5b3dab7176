FROM debian:12
RUN (cd /src/lib && make) && make -C /src/app
RUN mkdir -p /out && cp -r "$(cd /src && pwd)" /out/
