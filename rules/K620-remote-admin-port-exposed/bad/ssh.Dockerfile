FROM ubuntu:24.04
EXPOSE 22 8080
CMD ["/usr/sbin/sshd", "-D"]
