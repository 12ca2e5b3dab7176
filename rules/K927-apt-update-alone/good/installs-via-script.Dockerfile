FROM debian:12
ARG INSTALL="apt-get install -y"
RUN apt-get update && $INSTALL curl
RUN apt-get update && ./install-deps.sh
RUN apt-get update && bash /tmp/setup.sh
RUN apt-get update && install_packages curl
RUN apk update && ash /tmp/library-scripts/common-alpine.sh
RUN sudo apt-get update && sudo bash -c "echo \"$PKGS\" | xargs sudo apt-get upgrade -yq"
