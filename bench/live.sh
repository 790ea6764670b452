#!/usr/bin/env bash
# Live streams at scale: two replicas (A on its embedded PostgreSQL, B joining it), STREAMS (10,000)
# server-sent event streams held on B by bench/LiveBench.java; prints B's RSS per stream, the latency
# from an approval on A to its event at every stream on B (after as many untimed approvals, which warm the
# fan-out up), B's own time to write each event to its streams, and B's reads and writes without and with
# the streams open. Settings: STREAMS, APPROVALS (40), DURATION (10s), WARMUP (30s), JAVA_OPTS and JVM as run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/target/bench-live
STREAMS=${STREAMS:-10000}
APPROVALS=${APPROVALS:-40}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-30s}
JAVA_OPTS=${JAVA_OPTS:--Xms64m -Xmx192m -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -Xss512k}
source bench/lib/service-java.sh  # the same JVM as run.sh's service (no AOT cache here: start-up is not measured)
command -v wrk >/dev/null && command -v psql >/dev/null || { echo "needs wrk and psql: run bench/run.sh once, it installs them"; exit 1; }
[ "$(ulimit -n)" -ge $((STREAMS + 1000)) ] || ulimit -n $((STREAMS + 1000))

source bench/lib/build.sh
rm -rf "$WORK"; mkdir -p "$WORK"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

launch() { # <port> [env ...]: starts a replica, sets LAUNCHED_PID
  local port=$1; shift
  env MP_JWT_VERIFY_PUBLICKEY_LOCATION="$ROOT/src/test/resources/jwt/dev-public.pem" MP_JWT_VERIFY_ISSUER=https://parley.localhost/dev \
    QUARKUS_HTTP_PORT="$port" QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING=true QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED=true \
    QUARKUS_HTTP_PROXY_TRUSTED_PROXIES=127.0.0.1 QUARKUS_LOG_CONSOLE_JSON_ENABLED=false QUARKUS_SHUTDOWN_DELAY_ENABLED=false "$@" \
    "$SERVICE_JAVA" $JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar >"$WORK/service-$port.log" 2>&1 &
  LAUNCHED_PID=$!; PIDS+=("$LAUNCHED_PID")
  until curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do
    kill -0 "$LAUNCHED_PID" 2>/dev/null || { cat "$WORK/service-$port.log"; exit 1; }
    sleep 0.1
  done
}

launch 8080 PARLEY_EMBEDDED_DB_ENABLED=true PARLEY_EMBEDDED_DB_DIR="$WORK/db"
PGPORT=$(grep -o 'Embedded PostgreSQL 17 on port [0-9]*' "$WORK/service-8080.log" | grep -o '[0-9]*$' | tail -1)
export PGHOST=localhost PGPORT PGUSER=postgres PGPASSWORD=postgres PGDATABASE=postgres
launch 8090 QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$PGPORT/postgres" QUARKUS_DATASOURCE_USERNAME=postgres \
  QUARKUS_DATASOURCE_PASSWORD=postgres
B_PID=$LAUNCHED_PID
TOKEN=$(java -cp "$CP" bench/Token.java)
psql -q -v ON_ERROR_STOP=1 -f bench/lib/load-read.sql
psql -q -v ON_ERROR_STOP=1 -c "create table bench_comment (like comment including all); create sequence if not exists bench_comment_seq;
  insert into article (id, url) values ('bench-write', 'http://localhost:8080/news/bench-write') on conflict do nothing;"
READ_URL="http://127.0.0.1:8090/api/v1/articles/bench-read/comments?limit=100"

measure() { # <label> <n>: B's reads then writes, after warm-up (n keeps each run's client addresses apart: write.lua)
  wrk -t2 -c64 -d"$WARMUP" "$READ_URL" >/dev/null
  echo "  $1: read $(wrk -t2 -c64 -d"$DURATION" "$READ_URL" | awk '/Requests\/sec/ {r=$2} /Non-2xx/ {e=$NF} END {print r "/s, non-2xx: " e+0}')"
  wrk -t2 -c32 -d"$WARMUP" -s bench/lib/write.lua http://127.0.0.1:8090 -- "w$2" >/dev/null
  echo "  $1: write $(wrk -t2 -c32 -d"$DURATION" -s bench/lib/write.lua http://127.0.0.1:8090 -- "r$(($2 + 1))-$RANDOM" | awk '/Requests\/sec/ {r=$2} /Non-2xx/ {e=$NF} END {print r "/s, non-2xx: " e+0}')"
}

echo "== replica B without streams"
measure "no streams" 1
echo "== $STREAMS streams on B, approvals on A"
java -Xmx512m -cp "$CP" bench/LiveBench.java http://127.0.0.1:8090 http://127.0.0.1:8080 "$B_PID" "$STREAMS" "$APPROVALS" "$TOKEN" hold \
  >"$WORK/live.txt" 2>&1 &
PIDS+=("$!")
until grep -q -e "holding" -e "Exception" "$WORK/live.txt" 2>/dev/null; do sleep 1; done
sed 's/^/  /' "$WORK/live.txt"
grep -q holding "$WORK/live.txt" || exit 1
# B's own part: from hearing an event to its last write to the streams, over the last two minutes (warm-up approvals included)
curl -s http://127.0.0.1:8090/q/metrics | awk -F'[ {}"]+' '/^parley_live_fanout_seconds(_max)?\{.*kind="event"/ {
  v = sprintf("%.1f ms", $NF * 1000); if ($0 ~ /quantile="0.5"/) p50 = v; else if ($0 ~ /quantile="0.99"/) p99 = v; else if ($1 ~ /_max$/) max = v }
  END { print "  B writing each event to its streams (heard to last write): p50 " p50 ", p99 " p99 ", max " max }'
echo "== replica B with the streams open"
measure "$STREAMS streams" 3
echo "  B: RSS $(awk '/VmRSS/ {print int($2/1024)}' /proc/$B_PID/status) MB, peak $(awk '/VmHWM/ {print int($2/1024)}' /proc/$B_PID/status) MB"
