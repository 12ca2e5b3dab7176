FROM debian:bookworm
COPY id.pub /tmp/id.pub
RUN ssh-keygen -lf /tmp/id.pub
RUN ssh-keygen -y -f /run/secrets/key > /tmp/derived.pub || true
RUN ssh-keygen -R github.com && ssh-keygen -F gitlab.com || true
RUN openssl dhparam -out /etc/ssl/dhparam.pem 2048
RUN openssl req -new -key /run/secrets/tls.key -out /tmp/app.csr -subj "/CN=app"
RUN gpg --import /tmp/vendor.asc && gpg --verify /tmp/file.sig /tmp/file
