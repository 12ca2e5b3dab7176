FROM node:22
RUN echo "chmod 777 is bad" > /README && apt-get install -y chmod-777-docs
