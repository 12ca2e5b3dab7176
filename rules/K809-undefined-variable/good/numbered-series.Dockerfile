FROM alpine:3.20
ARG file2=a
COPY $file2 $file3 /dst/
