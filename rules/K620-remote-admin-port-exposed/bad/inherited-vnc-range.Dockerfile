FROM debian:12 AS desktop
EXPOSE 5900-5910
FROM desktop
CMD ["x11vnc"]
