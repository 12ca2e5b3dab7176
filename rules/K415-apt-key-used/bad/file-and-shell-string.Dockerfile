FROM debian:bullseye
COPY vendor.asc /tmp/vendor.asc
RUN apt-key add /tmp/vendor.asc && rm /tmp/vendor.asc
RUN ["sh", "-c", "apt-key add /tmp/other.asc"]
