FROM debian:bookworm
RUN echo su > /tmp/x && sed -i 's/^auth/#auth/' /etc/pam.d/su && command -v su
