FROM alpine:3.20
RUN sh -c "$(curl -fsSL https://raw.example.com/tools/install.sh)"
