FROM alpine:3.20
ONBUILD copy . /src
CMD ["sh"]
