FROM node:22-alpine
# deploy token for the private registry: glpat-IBXuDL7DxtpYlSXpfKtH
RUN npm ci
