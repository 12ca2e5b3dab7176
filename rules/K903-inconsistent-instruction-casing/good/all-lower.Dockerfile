from alpine:3.20
run echo RUN
copy app /app
