FROM debian:12
RUN apt-get update && apt-get purge -y imagemagick
RUN apt-get update
CMD ["bash"]
RUN apt-get update && bash -c "echo hello"
