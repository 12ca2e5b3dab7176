FROM node:20-bookworm
ENV NODE_TLS_REJECT_UNAUTHORIZED=1 PYTHONHTTPSVERIFY=1 NPM_CONFIG_STRICT_SSL=true
RUN npm config set strict-ssl true \
 && git config --global http.sslVerify true \
 && dnf --setopt=sslverify=1 makecache || true
