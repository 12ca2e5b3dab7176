FROM ubuntu:24.04
RUN sh -c 'sudo apt install -y jq'
