# Runtime image of tip-monitor. Build the jar first (./tip-monitor builds it, or: mvn -B -DskipTests package),
# then: docker build -t tip-monitor .
FROM eclipse-temurin:17-jre
WORKDIR /opt/tip-monitor
COPY app/target/tip-monitor.jar tip-monitor.jar
ENV JAVA_TOOL_OPTIONS="-Dorg.apache.avro.SERIALIZABLE_PACKAGES=org.tipmonitor.avro"
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/tip-monitor/tip-monitor.jar"]
CMD ["--help"]
