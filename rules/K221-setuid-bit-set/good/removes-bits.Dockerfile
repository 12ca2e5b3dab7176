FROM debian:bookworm
RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + \
 && chmod u-s,g-s /usr/bin/passwd
