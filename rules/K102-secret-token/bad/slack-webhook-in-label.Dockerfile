FROM alpine:3.20
LABEL com.acme.alerts.webhook="https://hooks.slack.com/services/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"
