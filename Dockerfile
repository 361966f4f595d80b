# syntax=docker/dockerfile:1
# Tributary: WHIP ingest and recording service.
#   docker build -t tributary .
#   docker run -p 8080:8080 -p 8189:8189/udp -v tributary-recordings:/recordings \
#     -e TRIBUTARY_PUBLISH_TOKEN=... -e TRIBUTARY_WEBRTC_ANNOUNCEDADDRESSES=<host IP> tributary
# Media flows over the single UDP port; browsers and OBS reach it at the announced address, so set
# that to an address of the Docker host that the publishers can reach.

# --- build ----------------------------------------------------------------------------------------
FROM maven:3-eclipse-temurin-25 AS build
WORKDIR /build
COPY pom.xml .
COPY src src
# The Maven repository is a build cache, not part of any layer. Tests and fuzzing run in CI.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -DskipTests -DskipFuzz package \
 && cp target/tributary-*.jar application.jar \
 && java -Djarmode=tools -jar application.jar extract --layers --destination extracted

# --- run ------------------------------------------------------------------------------------------
# A glibc image: the FFmpeg natives inside the JavaCV jars are built against glibc (no Alpine).
FROM eclipse-temurin:25-jre

RUN groupadd --system --gid 10001 tributary \
 && useradd --system --uid 10001 --gid tributary --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin tributary \
 && mkdir -p /recordings /tmp/javacpp \
 && chown tributary:tributary /recordings /tmp/javacpp

WORKDIR /application
# One layer per rate of change: libraries rarely, the application on every build.
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./

# Heap as a share of the container's memory limit; the rest is for FFmpeg's native buffers,
# direct buffers, thread stacks and metaspace. JavaCPP unpacks the FFmpeg libraries into its
# cache directory, which must be writable (the user has no home directory). JDK_JAVA_OPTIONS is
# read by the java launcher; override it as a whole to tune.
ENV JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError --enable-native-access=ALL-UNNAMED -Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp" \
    TRIBUTARY_STORAGE_PATH=/recordings \
    SERVER_PORT=8080 \
    TRIBUTARY_WEBRTC_UDPPORT=8189

VOLUME /recordings
EXPOSE 8080/tcp 8189/udp
USER tributary:tributary

# The JRE image has no curl or wget to rely on; bash's /dev/tcp is enough for one GET.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SERVER_PORT:-8080} && printf 'GET /actuator/health/liveness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

# Exec form: java is PID 1 and gets the SIGTERM that makes it finalise open recordings.
ENTRYPOINT ["java", "-jar", "application.jar"]
