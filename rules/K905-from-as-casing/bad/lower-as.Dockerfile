FROM node:22 as build
