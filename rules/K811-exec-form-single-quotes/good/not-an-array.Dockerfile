FROM alpine:3.20
RUN echo "['a', 'b']" > /list.txt
CMD echo '[x]'
