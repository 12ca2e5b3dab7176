FROM rockylinux:9 AS build
RUN dnf install -y gcc make && make
FROM rockylinux:9-minimal
COPY --from=build /out /out
