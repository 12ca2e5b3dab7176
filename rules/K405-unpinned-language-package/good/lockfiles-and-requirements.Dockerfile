FROM node:20-slim
COPY package.json package-lock.json requirements.txt constraints.txt ./
RUN npm ci && npm install && yarn install --frozen-lockfile
RUN pip install -r requirements.txt \
 && pip install -c constraints.txt flask gunicorn
