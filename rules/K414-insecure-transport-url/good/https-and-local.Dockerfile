FROM python:3.12-slim
ADD https://downloads.example.com/tool-1.0.tar.gz /tmp/
RUN curl -fsSL https://example.com/a.tgz -o /tmp/a.tgz
RUN pip install --index-url http://localhost:3141/root/pypi/ app==1.0
RUN pip install --index-url http://devpi:3141/root/pypi/ app==1.0
RUN curl -fsS http://127.0.0.1:8080/health && wget -q http://10.0.0.5/file -O /tmp/f
RUN npm install --registry http://verdaccio:4873 app@1.0.0
RUN curl --proxy http://proxy.example.com:3128 -fsSLo /tmp/x https://example.com/x
RUN wget -e use_proxy=yes -e http_proxy=http://proxy.example.com:3128 https://example.com/y -O /tmp/y
RUN curl -fsS -d "callback=http://hooks.example.com/done" https://api.example.com/start
RUN git clone -c http.proxy=http://proxy.example.com:3128 https://github.com/example/app.git /src
