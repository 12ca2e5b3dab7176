FROM localhost:5000/base
RUN echo the port is not a tag
