FROM alpine:3.20
ENV DEST=/srv/www
ADD a.html b.html c.css $DEST
