FROM alpine:3.20
RUN sh -c "wget -P /opt https://example.com/tool"
RUN echo "$(wget -O- https://example.com/version)" > /version
