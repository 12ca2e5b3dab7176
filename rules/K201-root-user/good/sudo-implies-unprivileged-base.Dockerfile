FROM cimg/base:2024.02
RUN sudo apt-get update && sudo apt-get install -y --no-install-recommends jq
CMD ["/bin/bash"]
