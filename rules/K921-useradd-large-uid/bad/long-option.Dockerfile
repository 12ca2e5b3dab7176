FROM debian:12
RUN groupadd -g 70000 app && useradd --uid=70000 -g app -m app
