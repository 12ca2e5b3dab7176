ARG VERSION=1.4.2
FROM eclipse-temurin:21-jre
ARG VERSION
COPY target/app-${VERSION}.jar /app.jar
