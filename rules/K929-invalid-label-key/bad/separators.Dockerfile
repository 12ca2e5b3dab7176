FROM alpine:3.20
LABEL org.example..team=core "org.example.owner-"=me 1st.label=x
