FROM golang:1.22
RUN go install golang.org/x/tools/gopls@latest
RUN gem install bundler rake:13.2.1
RUN cargo install --locked cargo-watch
