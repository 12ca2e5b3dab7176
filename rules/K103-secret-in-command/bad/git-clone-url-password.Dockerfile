FROM alpine/git:2.45.2
RUN git clone https://deploy:Xk29fLq8Tm@git.acme.internal/app.git /src
