FROM docker.elastic.co/elasticsearch/elasticsearch:8.15.0
COPY elasticsearch.yml /usr/share/elasticsearch/config/
