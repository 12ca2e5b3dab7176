FROM docker:27-cli
RUN docker login -u ci -p Rg7pQ2zWx9 registry.acme.internal \
 && docker login --username ci --password=Rg7pQ2zWx9 ghcr.io
