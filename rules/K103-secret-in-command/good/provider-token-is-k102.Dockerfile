FROM alpine:3.20
RUN curl -fsSL -H "Authorization: Bearer ghp_KLzdocJ2isAjIhKtJ0RlgLKOmxgJTeKdNnFR" https://api.github.com/user
