FROM debian:12-slim
COPY nginx_signing.key /usr/share/keyrings/
COPY repo-release.key /etc/apt/keyrings/
COPY jenkins.io-2026.key /war/jenkins-key.pub
COPY ffdhe4096.pem /etc/postfix/dhparams.pem
USER app
