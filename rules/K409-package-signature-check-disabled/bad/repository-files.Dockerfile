FROM debian:bookworm
RUN echo "deb [trusted=yes] http://repo.example.com/apt stable main" > /etc/apt/sources.list.d/example.list
RUN printf '[example]\nbaseurl=https://repo.example.com\ngpgcheck=0\n' > /etc/yum.repos.d/example.repo
RUN sed -i -e 's/^gpgcheck=1/gpgcheck=0/' /etc/yum.repos.d/example.repo
