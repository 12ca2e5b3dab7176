FROM alpine:3.20
ENV GITHUB_TOKEN=ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d \
    HF_TOKEN="hf_vMdgaKjIg8xNbe3nNyjOq9wMxEhh2FDEEt"
