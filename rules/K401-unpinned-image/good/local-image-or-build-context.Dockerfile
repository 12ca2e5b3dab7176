# `base` is not an image Docker Hub serves (only official images have no namespace):
# it is built locally, or given with --build-context
FROM base
COPY --from=assets /dist /srv
FROM my-tools:dev
