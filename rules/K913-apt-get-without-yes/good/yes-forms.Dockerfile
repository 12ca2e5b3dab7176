FROM debian:12
RUN apt-get install -y curl && apt-get install --yes git && apt-get -qy install jq
