FROM debian:12
RUN curl -fsSL https://example.com/base -o /base
ONBUILD RUN wget -q https://example.com/child
RUN echo "wget is not used" && curl -fsS https://example.com/x -o /x
