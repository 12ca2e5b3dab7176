# K401 reports these; without require-digest K402 stays quiet
FROM python
FROM node:latest
