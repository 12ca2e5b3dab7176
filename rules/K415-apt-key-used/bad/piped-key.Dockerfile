FROM debian:bookworm
RUN curl -fsSL https://download.example.com/apt/key.asc | apt-key add - \
 && echo "deb https://download.example.com/apt stable main" > /etc/apt/sources.list.d/example.list
RUN wget -qO- https://packages.example.org/gpg | sudo apt-key add -
