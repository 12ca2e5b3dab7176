FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends openssh-server \
 && ssh-keygen -A
RUN ssh-keygen -q -t ed25519 -N '' -f /root/.ssh/id_ed25519
CMD ["/usr/sbin/sshd", "-D"]
