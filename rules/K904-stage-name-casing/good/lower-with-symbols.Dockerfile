FROM node:22 AS build-web_2.0
