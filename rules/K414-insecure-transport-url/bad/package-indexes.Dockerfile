FROM python:3.12-slim
RUN pip install --index-url http://pypi.example.com/simple app==1.2.0
RUN pip3 install -i http://pypi.example.com/simple --extra-index-url=http://extra.example.com/simple lib==2.0
RUN pip install http://files.example.com/pkg-1.0.tar.gz
RUN pip config set global.index-url http://pypi.example.com/simple
RUN npm install --registry http://npm.example.com/ left-pad@1.3.0
RUN npm config set registry http://npm.example.com/
RUN git clone http://git.example.com/team/app.git /src
