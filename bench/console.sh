#!/usr/bin/env bash
# The moderator console with a big queue: ./bench/console.sh on a fresh machine (Debian/Ubuntu, Java 17).
# Loads 1,000,000 comments (a tenth pending) into the service's embedded PostgreSQL (fsync on), then
# measures (1) a queue page rendered by the server, one request at a time with wrk, for the default
# view, a text search and the priority order, and (2) the time from pressing "a" on a card to the card
# showing the decision, in Debian's headless Chromium. Settings: TOTAL (1000000), DURATION (10s),
# RUNS (3), DECISIONS (200), JAVA_OPTS (as bench/run.sh), BENCH_JAVA.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/target/bench-console
TOTAL=${TOTAL:-1000000}
DURATION=${DURATION:-10s}
RUNS=${RUNS:-3}
DECISIONS=${DECISIONS:-200}
JAVA_OPTS=${JAVA_OPTS:--Xms64m -Xmx192m -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -Xss512k}
SERVICE_JAVA=${BENCH_JAVA:-java}
PORT=${PORT:-8090}
TOKEN=bench-console-session-token

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v psql >/dev/null || need+=(postgresql-client)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}"
fi

echo "== building"
./mvnw -q -B package -DskipTests
./mvnw -q -B test-compile
rm -rf "$WORK"; mkdir -p "$WORK"

env PARLEY_EMBEDDED_DB_ENABLED=true PARLEY_EMBEDDED_DB_DIR="$WORK/db" QUARKUS_HTTP_PORT=$PORT QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION="$ROOT/src/test/resources/jwt/dev-public.pem" MP_JWT_VERIFY_ISSUER=https://parley.localhost/dev \
  "$SERVICE_JAVA" $JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
trap 'kill $SERVICE_PID 2>/dev/null; wait $SERVICE_PID 2>/dev/null || true' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/ready"; do
  kill -0 $SERVICE_PID 2>/dev/null || { cat "$WORK/service.log"; exit 1; }
  sleep 0.2
done
export PGHOST=localhost PGUSER=postgres PGPASSWORD=postgres PGDATABASE=postgres
PGPORT=$(sed -n 's/.*Embedded PostgreSQL 17 on port \([0-9]*\).*/\1/p' "$WORK/service.log" | head -1); export PGPORT

echo "== loading $TOTAL comments"
psql -q -v ON_ERROR_STOP=1 -v total="$TOTAL" -f bench/lib/load-queue.sql
psql -q -v ON_ERROR_STOP=1 -c "analyze comment" -c "insert into console_session values
  (sha256('$TOKEN'::bytea), 'bench-moderator', 'Bench Moderator', null, 'moderator', 'bench-csrf', now(), now() + interval '1 day')"

ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "== queue pages rendered by the server (wrk -t1 -c1, after warm-up)"
: >"$WORK/pages.txt"
for view in "pending:" "search:?q=lighthouse" "priority:?sort=priority" "reported:?tab=reported"; do
  name=${view%%:*}; url="http://127.0.0.1:$PORT/admin/${view#*:}"
  wrk -t1 -c1 -d20s -H "Cookie: parley_console=$TOKEN" "$url" >/dev/null
  : >"$WORK/page.runs"
  for i in $(seq "$RUNS"); do
    out=$(wrk -t1 -c1 -d"$DURATION" --latency -H "Cookie: parley_console=$TOKEN" "$url")
    grep -q "Non-2xx" <<<"$out" && { echo "$name answered non-2xx"; exit 1; }
    echo "$(awk '$1=="50%" {print $2}' <<<"$out" | ms) $(awk '$1=="99%" {print $2}' <<<"$out" | ms)" >>"$WORK/page.runs"
  done
  echo "$name $(cut -d' ' -f1 "$WORK/page.runs" | median) $(cut -d' ' -f2 "$WORK/page.runs" | median)" >>"$WORK/pages.txt"
done

echo "== keyboard decisions in Chromium"
keys=$(./mvnw -q -B exec:java@console-bench -Dbench.base="http://127.0.0.1:$PORT" -Dbench.token="$TOKEN" -Dbench.decisions="$DECISIONS" \
  | grep '^console ')

echo
echo "## Console results ($(date +%F), $(nproc) cores, $TOTAL comments, service on $("$SERVICE_JAVA" -version 2>&1 | head -1))"
echo
echo "| what | p50 (ms) | p99 (ms) | target |"
echo "|---|---|---|---|"
while read -r name p50 p99; do echo "| page: $name | $p50 | $p99 | p99 <= 50 ms |"; done <"$WORK/pages.txt"
read -r _ _ p50 p99 count <<<"$keys"
echo "| key press to decided card ($count decisions) | $p50 | $p99 | p99 <= 150 ms |"
