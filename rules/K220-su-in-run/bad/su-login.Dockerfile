FROM debian:bookworm
RUN useradd -m app && su - app -c 'cd ~ && ./setup.sh'
