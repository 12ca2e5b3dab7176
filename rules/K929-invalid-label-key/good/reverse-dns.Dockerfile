FROM alpine:3.20
LABEL com.example.team-name="platform" io.example.v2=yes
ENV Build_Date=today
