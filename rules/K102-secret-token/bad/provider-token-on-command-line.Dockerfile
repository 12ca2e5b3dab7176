FROM alpine:3.20
RUN apk add --no-cache curl \
 && curl -fsSL -H "Authorization: Bearer ghp_KLzdocJ2isAjIhKtJ0RlgLKOmxgJTeKdNnFR" \
      https://api.github.com/repos/acme/app/releases/latest
CMD ["/usr/bin/payments", "--stripe-key", "sk_live_D53X83RZJzzzzgEOzdmenCkh"]
