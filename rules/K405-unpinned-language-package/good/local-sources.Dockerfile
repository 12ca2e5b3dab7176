FROM python:3.12-slim
COPY . /src
RUN pip install /src && pip install -e . && pip install dist/*.whl \
 && go install ./cmd/... && cargo install --path /src/cli \
 && npm install -g ./tool.tgz && pip install --upgrade pip setuptools wheel
