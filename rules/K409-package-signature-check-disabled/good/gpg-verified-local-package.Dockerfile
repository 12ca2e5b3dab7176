FROM alpine:3.20
RUN curl -fsSLO https://download.example.com/tool_1.2-1_amd64.apk \
 && curl -fsSLO https://download.example.com/tool_1.2-1_amd64.sig \
 && curl -fsSL https://download.example.com/key.asc | gpg --import - \
 && gpg --verify tool_1.2-1_amd64.sig tool_1.2-1_amd64.apk
RUN apk add --allow-untrusted tool_1.2-1_amd64.apk \
 && apk index --allow-untrusted -o /tmp/repo/APKINDEX.tar.gz /tmp/repo/*.apk
