# buildah: FROM a stage by number
FROM alpine:3.20
RUN echo 0 > /out
FROM 0
