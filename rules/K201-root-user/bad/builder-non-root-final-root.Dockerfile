FROM rust:1.82 AS build
USER builder
RUN cargo build --release

FROM debian:bookworm-slim
COPY --from=build /target/release/app /usr/local/bin/app
USER root
CMD ["app"]
