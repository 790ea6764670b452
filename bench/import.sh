#!/usr/bin/env bash
# Imports at scale: generates a WXR of COMMENTS (1,000,000) comments over POSTS (20,000) posts, uploads
# it to the service running with a HEAP (512m) heap on its embedded PostgreSQL (fsync on), and prints
# the rate (comments imported per second, from upload to done, and for the job alone), the heap and
# RSS, and the public reads the service answered meanwhile next to its reads before the import.
# Settings: COMMENTS, POSTS, HEAP, BUILD=0 to reuse the jar; the JVM is run.sh's (bench/lib/service-java.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/target/bench-import
COMMENTS=${COMMENTS:-1000000}
POSTS=${POSTS:-20000}
HEAP=${HEAP:-512m}
source bench/lib/service-java.sh
command -v wrk >/dev/null && command -v psql >/dev/null || { echo "needs wrk and psql: run bench/run.sh once, it installs them"; exit 1; }

source bench/lib/build.sh
rm -rf "$WORK"; mkdir -p "$WORK"
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT

echo "== generating $COMMENTS comments over $POSTS posts"
java bench/GenerateWxr.java "$WORK/export.xml" "$COMMENTS" "$POSTS"
echo "  $(( $(stat -c %s "$WORK/export.xml") / 1024 / 1024 )) MiB"

env MP_JWT_VERIFY_PUBLICKEY_LOCATION="$ROOT/src/test/resources/jwt/dev-public.pem" MP_JWT_VERIFY_ISSUER=https://parley.localhost/dev \
  QUARKUS_LOG_CONSOLE_JSON_ENABLED=false PARLEY_EMBEDDED_DB_ENABLED=true PARLEY_EMBEDDED_DB_DIR="$WORK/db" \
  PARLEY_IMPORTS_DIR="$WORK/uploads" \
  "$SERVICE_JAVA" -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseSerialGC -jar target/quarkus-app/quarkus-run.jar >"$WORK/service.log" 2>&1 &
PID=$!
until curl -sf -o /dev/null http://127.0.0.1:8080/q/health/ready; do kill -0 "$PID" 2>/dev/null || { cat "$WORK/service.log"; exit 1; }; sleep 0.2; done
PGPORT=$(grep -o 'Embedded PostgreSQL 17 on port [0-9]*' "$WORK/service.log" | grep -o '[0-9]*$' | tail -1)
export PGHOST=localhost PGPORT PGUSER=postgres PGPASSWORD=postgres PGDATABASE=postgres
ADMIN=$(java -cp "$CP" bench/Token.java admin)
psql -q -v ON_ERROR_STOP=1 -f bench/lib/load-read.sql
READ_URL="http://127.0.0.1:8080/api/v1/articles/bench-read/comments?limit=100"
# public reads at a steady pace (8 connections, each pausing 2 ms after an answer), before and during the import
READS=(wrk -t1 -c8 --latency -s bench/lib/paced.lua)
"${READS[@]}" -d10s "$READ_URL" -- 2 >/dev/null
before=$("${READS[@]}" -d10s "$READ_URL" -- 2 | awk '/Requests\/sec/ {r=$2} $1=="99%" {p=$2} END {print r "/s, p99 " p}')
echo "== reads before the import: $before"

echo "== importing"
t0=$(date +%s%N)
location=$(curl -sf -D - -o /dev/null -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/xml' \
  -X POST -T "$WORK/export.xml" "http://127.0.0.1:8080/admin/v1/imports?format=wxr" | awk -F': ' 'tolower($1)=="location" {print $2}' | tr -d '\r')
t_uploaded=$(date +%s%N)
echo "  uploaded in $(( (t_uploaded - t0) / 1000000 )) ms: $location"
# public reads keep going while the job runs
"${READS[@]}" -d600s "$READ_URL" -- 2 >"$WORK/reads-during.txt" &
WRK=$!
heap_peak=0; rss_peak=0
while :; do
  job=$(curl -sf -H "Authorization: Bearer $ADMIN" "http://127.0.0.1:8080$location")
  status=$(sed -E 's/.*"status":"([a-z]+)".*/\1/' <<<"$job")
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$PID/status"); [ "$rss" -gt "$rss_peak" ] && rss_peak=$rss
  # the service's own heap gauge: a jcmd each second was a JVM start each second, 4 % of the machine's CPU
  heap=$(curl -sf http://127.0.0.1:8080/q/metrics | awk '/^jvm_memory_used_bytes\{area="heap"/ {s += $NF} END {print int(s / 1048576)}')
  [ "${heap:-0}" -gt "$heap_peak" ] && heap_peak=$heap
  [ "$status" = done ] || [ "$status" = failed ] && break
  sleep 1
done
t_done=$(date +%s%N)
kill -INT "$WRK" 2>/dev/null; wait "$WRK" 2>/dev/null || true
echo "  $job"
imported=$(sed -E 's/.*"imported":([0-9]+).*/\1/' <<<"$job")
job_ms=$(psql -tAc "select round(extract(epoch from finished_at - started_at) * 1000) from import_job order by id desc limit 1")
during=$(awk '/Requests\/sec/ {r=$2} $1=="99%" {p=$2} /Non-2xx/ {e=$NF} END {print r "/s, p99 " p ", non-2xx " e+0}' "$WORK/reads-during.txt")
echo
echo "status $status: $imported comments imported"
echo "from upload to done: $(( (t_done - t0) / 1000000 )) ms, $(awk -v n="$imported" -v ms="$(( (t_done - t0) / 1000000 ))" 'BEGIN {printf "%.0f", n * 1000 / ms}') comments/s (target >= 10,000)"
echo "the job alone (reading, staging, creating): $job_ms ms, $(awk -v n="$imported" -v ms="$job_ms" 'BEGIN {printf "%.0f", n * 1000 / ms}') comments/s"
echo "heap $HEAP: peak used ${heap_peak} MiB (sampled each second); RSS peak $((rss_peak / 1024)) MiB"
echo "public reads during the import (8 paced connections): $during; before: $before"
