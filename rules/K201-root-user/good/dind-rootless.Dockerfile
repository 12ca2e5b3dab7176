FROM docker:27-dind-rootless
COPY daemon.json /home/rootless/.config/docker/daemon.json
