#!/usr/bin/env bash
# Sessions-per-core benchmark: N Pion publishers (1 Mbit/s H264 + Opus each) publish to the
# service for SECS seconds; reports the service's CPU time per session-second (less its idle CPU
# over the same time) and its memory per session (resident set and JVM heap after GC, against
# the same figures with no session).
#
#   bench/whip-load.sh [N=16] [SECS=30] [WARMUP=60]
#
# Needs: the Debian packages golang-go, golang-github-pion-webrtc.v3-dev and ffmpeg; runs
# everything on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-16}
SECS=${2:-30}
WARMUP=${3:-60}
WORK=target/whip-load
PORT=18080
mkdir -p "$WORK"

# Media: 1 Mbit/s H264 (constrained baseline, no B-frames, SPS/PPS before every IDR) and Opus.
if [ ! -f "$WORK/media.h264" ]; then
  ffmpeg -nostdin -v error -f lavfi -i "testsrc2=size=1280x720:rate=30" -t 20 -c:v libx264 -profile:v baseline \
    -preset veryfast -tune zerolatency -b:v 1M -maxrate 1M -bufsize 1M -g 60 -x264-params repeat-headers=1 \
    -bsf:v h264_mp4toannexb -f h264 "$WORK/media.h264"
  ffmpeg -nostdin -v error -f lavfi -i "sine=frequency=440:sample_rate=48000" -t 20 -c:a libopus -b:a 64k \
    -frame_duration 20 "$WORK/media.ogg"
fi
PION=$(../shared/peers/pion/build.sh "$WORK/pion-bin" | tail -1)/whip-publish

mvn -B -ntp -q -o -DskipTests package
JAR=$(ls target/tributary-*.jar | grep -v plain | head -1)
JAVA=$(ls -d /usr/lib/jvm/*25*/bin/java | head -1)
rm -rf "$WORK/storage"
"$JAVA" --enable-native-access=ALL-UNNAMED -Xmx1g ${JAVA_OPTS:-} -jar "$JAR" --server.port=$PORT \
  --tributary.storage.path="$WORK/storage/recordings" --tributary.storage.spool-path="$WORK/storage/spool" \
  --tributary.webrtc.interface-addresses=127.0.0.1 --tributary.webrtc.udp-port=18189 \
  --management.endpoints.web.exposure.include=health,metrics > "$WORK/service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 0.5; done

cpu() { awk '{print $14 + $15}' /proc/$PID/stat; }           # utime + stime, clock ticks
rss() { awk '/VmRSS/ {print $2}' /proc/$PID/status; }         # KiB
heap() { "$(dirname "$JAVA")/jcmd" $PID GC.run >/dev/null 2>&1 || true; curl -s "http://127.0.0.1:$PORT/actuator/metrics/jvm.memory.used?tag=area:heap" \
  | sed -E 's/.*"value":([0-9.E+]+).*/\1/'; }
HZ=$(getconf CLK_TCK)

# Warm up: one short publish so that classes, JIT and the certificate are ready.
"$PION" -url "http://127.0.0.1:$PORT/whip/warmup" -video "$WORK/media.h264" -audio "$WORK/media.ogg" -secs 5 >/dev/null
sleep 2
C0=$(cpu); sleep "$SECS"; C1=$(cpu)
IDLE=$((C1 - C0))
RSS0=$(rss); HEAP0=$(heap)

"$PION" -url "http://127.0.0.1:$PORT/whip/load" -video "$WORK/media.h264" -audio "$WORK/media.ogg" \
  -secs $((WARMUP + SECS + 10)) -n "$N" > "$WORK/publishers.jsonl" &
PUB=$!
# All publishers connected and recording, and the JIT done compiling the receive path: measured
# from the start, the C2 compiler alone costs more than the sessions for the first minute.
sleep $((WARMUP + 5))
C2=$(cpu); sleep "$SECS"; C3=$(cpu)
RSS1=$(rss); HEAP1=$(heap)
wait $PUB || true

BUSY=$((C3 - C2))
awk -v warmup=$WARMUP -v busy=$BUSY -v idle=$IDLE -v hz=$HZ -v n=$N -v secs=$SECS -v rss0=$RSS0 -v rss1=$RSS1 \
    -v heap0=$HEAP0 -v heap1=$HEAP1 'BEGIN {
  printf "sessions %d, %d s measured after %d s of warm-up\n", n, secs, warmup
  printf "CPU: %.2f ms per session-second (%.2f ms/s busy, %.2f ms/s idle)\n", (busy - idle) * 1000 / hz / n / secs, busy * 1000 / hz / secs, idle * 1000 / hz / secs
  printf "memory per session: resident %.2f MB, heap after GC %.2f MB\n", (rss1 - rss0) / 1024 / n, (heap1 - heap0) / 1048576 / n
}'
grep -c '"ok":true' "$WORK/publishers.jsonl" | xargs -I{} echo "publishers ok: {} of $N"
awk -F'"connectedMs":' '{split($2, a, ","); print a[1]}' "$WORK/publishers.jsonl" | sort -n \
  | awk '{v[NR]=$1} END {if (NR) printf "POST to connected: median %.1f ms (min %.1f, max %.1f)\n", v[int((NR+1)/2)], v[1], v[NR]}'
