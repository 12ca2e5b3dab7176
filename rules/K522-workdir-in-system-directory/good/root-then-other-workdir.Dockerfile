FROM golang:1.23
ARG DIR
WORKDIR $DIR
WORKDIR /
RUN git clone https://github.com/example/app.git
WORKDIR /app
COPY . .
