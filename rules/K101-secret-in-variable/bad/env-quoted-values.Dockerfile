FROM node:22-alpine
ENV API_KEY="k8mvd2x9pqT4" NODE_ENV=production JWT_SECRET='Zx81!kq-70vB'
