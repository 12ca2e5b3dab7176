FROM node:22 AS build
