FROM debian:bookworm
RUN curl -fsSLo /tmp/tool.tgz http://downloads.example.com/tool-1.0.tgz \
 && echo "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae  /tmp/tool.tgz" | sha256sum -c - \
 && tar -xzf /tmp/tool.tgz -C /opt
RUN wget -q http://example.com/x.tgz http://example.com/x.tgz.asc && gpg --verify x.tgz.asc x.tgz
ADD --checksum=sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae http://downloads.example.com/tool-1.0.tgz /tmp/
RUN echo "see http://example.com for docs"
