FROM debian:12
RUN wget https://example.com/app.tgz && tar xzf app.tgz
