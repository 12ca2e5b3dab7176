FROM python:3.12-slim
RUN pip install --extra-index-url https://pypi.acme.example/simple acme-utils==1.4.0
RUN pip3 install --no-cache-dir --extra-index-url=https://download.pytorch.org/whl/cpu torch==2.3.0
RUN python -m pip install -r requirements.txt --extra-index-url "https://pypi.acme.example/simple"
