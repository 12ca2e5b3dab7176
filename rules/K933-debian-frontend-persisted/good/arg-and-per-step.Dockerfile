FROM debian:12
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get install -y tzdata
RUN DEBIAN_FRONTEND=noninteractive apt-get install -y locales
