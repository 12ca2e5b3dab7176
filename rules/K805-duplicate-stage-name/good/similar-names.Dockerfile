FROM alpine:3.20 AS a
FROM alpine:3.20 AS a1
FROM alpine:3.20 AS a-1
