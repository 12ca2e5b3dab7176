FROM debian:12 AS build
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get install -y build-essential

FROM debian:12-slim
COPY --from=build /usr/bin/make /usr/bin/make
ENV DEBIAN_FRONTEND_NOTE=noninteractive
