FROM alpine:3.20
COPY job.sh /
CMD ["/job.sh"]
