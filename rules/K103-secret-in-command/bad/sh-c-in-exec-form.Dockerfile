FROM docker:27-cli
RUN ["sh", "-c", "docker login -u ci -p Rg7pQ2zWx9 registry.acme.internal"]
