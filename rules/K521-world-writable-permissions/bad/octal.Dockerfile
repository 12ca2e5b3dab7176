FROM node:22
RUN chmod -R 777 /app/data
