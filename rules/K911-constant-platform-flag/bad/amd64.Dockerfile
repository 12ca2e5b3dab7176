FROM --platform=linux/amd64 node:22-slim
