FROM alpine:3.20
ARG NS=org.example
LABEL ${NS}.build=1 "$NS.commit"=abc
