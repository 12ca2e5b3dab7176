ARG TAG
FROM nginx:${TAG}
