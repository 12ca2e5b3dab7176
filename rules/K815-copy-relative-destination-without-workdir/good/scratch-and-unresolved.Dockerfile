FROM scratch
COPY app app

FROM alpine:3.20
ARG TARGET_DIR
COPY conf $TARGET_DIR/conf
COPY bin C:/tools/bin
