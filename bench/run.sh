#!/usr/bin/env bash
# Parley's benchmark kit: ./bench/run.sh on a fresh machine (Debian/Ubuntu, Java 17).
# Builds the jar, starts it on its embedded PostgreSQL (fsync on), loads data, runs every scenario
# RUNS times and prints the medians next to the physical references (nginx, pgbench) measured on
# the same machine in the same run. Settings: RUNS (3), DURATION (10s), WARMUP (at least 60s of writes), WARMUP_MAX (600s),
# JAVA_OPTS (see below).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/target/bench
RUNS=${RUNS:-3}
DURATION=${DURATION:-10s}
# load before the measured runs: on two slow cores C2 takes one to four minutes of writes to compile
# the write path (single methods take seconds to compile), and until it is done the runs measure the
# JIT, not Parley. Each warm-up lasts at least WARMUP and goes on (up to WARMUP_MAX) until the
# service's compiler threads have used less than a tenth of a core for 10 s (see warm_up below).
WARMUP=${WARMUP:-60s}
WARMUP_MAX=${WARMUP_MAX:-600s}
# sized for a 2-core machine serving comments: a small heap and the serial collector keep RSS low
JAVA_OPTS=${JAVA_OPTS:--Xms64m -Xmx192m -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -Xss512k -XX:TieredStopAtLevel=4}
PORT=8080

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v pgbench >/dev/null || need+=(postgresql-client)
command -v psql >/dev/null || need+=(postgresql-client)
command -v curl >/dev/null || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}"
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# The service's JVM: a JDK 24 or later (BENCH_JAVA, or the newest under /usr/lib/jvm) starts from an
# AOT cache (JEP 483/514) of a training run; Java 17 falls back to an AppCDS archive. The code is Java 17.
source bench/lib/service-java.sh
JDK_FEATURE=$("$SERVICE_JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
if [ "${JDK_FEATURE%%.*}" -ge 24 ]; then
  CACHE=aot; PACKAGE=(-Dquarkus.package.jar.type=aot-jar)  # Leyden caches only classes of the JDK's own loaders
else
  CACHE=appcds; PACKAGE=()
fi

echo "== building (service on $("$SERVICE_JAVA" -version 2>&1 | head -1), startup cache: $CACHE)"
./mvnw -q -B package -DskipTests "${PACKAGE[@]}"
./mvnw -q -B test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$ROOT/target/bench-test-classpath" -Dmdep.includeScope=test >/dev/null

rm -rf "$WORK"; mkdir -p "$WORK/www/api/v1/articles/bench-read" "$WORK/tmp"
SERVICE_PID=""
cleanup() {
  [ -n "$SERVICE_PID" ] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
}
trap cleanup EXIT

launch() { # <port> [env ...] -- [JVM options]: starts a service, sets LAUNCHED_PID and STARTUP_MS (process start to ready)
  local port=$1 t0 envs=(); shift
  while [ "$1" != -- ]; do envs+=("$1"); shift; done; shift
  t0=$(date +%s%N)
  env MP_JWT_VERIFY_PUBLICKEY_LOCATION="$ROOT/src/test/resources/jwt/dev-public.pem" MP_JWT_VERIFY_ISSUER=https://parley.localhost/dev \
    QUARKUS_HTTP_PORT="$port" QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING=true QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED=true \
    QUARKUS_HTTP_PROXY_TRUSTED_PROXIES=127.0.0.1 QUARKUS_LOG_CONSOLE_JSON_ENABLED=false QUARKUS_SHUTDOWN_DELAY_ENABLED=false "${envs[@]}" \
    "$SERVICE_JAVA" $JAVA_OPTS "$@" -jar target/quarkus-app/quarkus-run.jar >"$WORK/service-$port.log" 2>&1 &
  LAUNCHED_PID=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do
    kill -0 "$LAUNCHED_PID" 2>/dev/null || { cat "$WORK/service-$port.log"; exit 1; }
    sleep 0.02
  done
  STARTUP_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
}
start_service() { # [JVM options]: the service on its embedded PostgreSQL; sets SERVICE_PID and STARTUP_MS
  launch "$PORT" PARLEY_EMBEDDED_DB_ENABLED=true PARLEY_EMBEDDED_DB_DIR="$WORK/db" PARLEY_WEBHOOKS_ALLOW_PRIVATE_NETWORKS=true -- "$@"
  SERVICE_PID=$LAUNCHED_PID
}
stop_service() { kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true; SERVICE_PID=""; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$SERVICE_PID/status"; }
hwm_kb() { awk '/VmHWM/ {print $2}' "/proc/$SERVICE_PID/status"; }
compiler_ticks() { # CPU ticks the service's JIT compiler threads have used so far
  local t sum=0
  for t in /proc/"$SERVICE_PID"/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in C1\ Compiler*|C2\ Compiler*) sum=$(( sum + $(awk '{print $14 + $15}' "$t/stat" 2>/dev/null || echo 0) ));; esac
  done
  echo "$sum"
}
warm_up() { # <at least> <wrk arguments...>: runs the load until the JIT has settled; prints how long it took
  local least=${1%s} hz ticks before waited settled=""; shift
  hz=$(getconf CLK_TCK)
  wrk -d"${WARMUP_MAX%s}s" "$@" >/dev/null &
  local load=$!
  sleep "$least"; waited=$least
  before=$(compiler_ticks)
  while [ "$waited" -lt "${WARMUP_MAX%s}" ]; do
    sleep 10; waited=$((waited + 10))
    ticks=$(compiler_ticks)
    # under a second of CPU in these 10 s: a tenth of a core
    [ $(( ticks - before )) -lt "$hz" ] && { settled=yes; break; }
    before=$ticks
  done
  kill -INT "$load" 2>/dev/null || true; wait "$load" 2>/dev/null || true
  if [ -n "$settled" ]; then
    echo "  warm-up: ${waited} s of load until the JIT compiler used under a tenth of a core"
  else
    echo "  warm-up: ${waited} s of load (WARMUP_MAX); the JIT compiler had not settled"
  fi
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ms() { # wrk latency ("1.23ms", "850.00us", "1.02s") in milliseconds
  awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}'
}

echo "== startup"
start_service; first_start=$STARTUP_MS; stop_service  # creates the database and runs the migrations
ready=(); for i in 1 2 3; do start_service; ready+=("$STARTUP_MS"); stop_service; done  # ordinary restarts
ready_ms=$(printf '%s\n' "${ready[@]}" | median)
# A training run (start, a read, a comment, a queue page) records what the service loads, links and
# profiles; later starts map the cache instead of loading and verifying those classes from the jars.
if [ "$CACHE" = aot ]; then
  CACHE_FILE=$WORK/parley.aot
  # the training run may hold more metadata than the service's own limit
  train=(-XX:AOTCacheOutput="$CACHE_FILE" -XX:MaxMetaspaceSize=512m); use_cache=(-XX:AOTCache="$CACHE_FILE")
else
  CACHE_FILE=$WORK/parley.jsa
  train=(-XX:ArchiveClassesAtExit="$CACHE_FILE"); use_cache=(-XX:SharedArchiveFile="$CACHE_FILE")
fi
TOKEN=$(java -cp "target/test-classes:target/classes:$(cat "$ROOT/target/bench-test-classpath")" bench/Token.java)
ADMIN_TOKEN=$(java -cp "target/test-classes:target/classes:$(cat "$ROOT/target/bench-test-classpath")" bench/Token.java admin)
start_service "${train[@]}"
curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/v1/articles/train/comments" || true
curl -sf -o /dev/null -H 'Content-Type: application/json' "http://127.0.0.1:$PORT/api/v1/articles/train/comments" \
  -d '{"body":"Training the startup cache.","articleUrl":"http://localhost:8080/news/train","author":{"name":"T","email":"t@example.com"}}' || true
curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/admin/v1/comments?status=pending" || true
stop_service
cached=(); for i in 1 2 3; do   # the last one stays up: the rest runs with the cache
  [ "$i" -gt 1 ] && stop_service
  start_service "${use_cache[@]}"; cached+=("$STARTUP_MS")
done
cached_ms=$(printf '%s\n' "${cached[@]}" | median)
quarkus_s=$(grep -o 'started in [0-9.]*s' "$WORK/service-$PORT.log" | grep -o '[0-9.]*' | tail -1)
PGPORT=$(grep -o 'Embedded PostgreSQL 17 on port [0-9]*' "$WORK/service-$PORT.log" | grep -o '[0-9]*$' | tail -1)
export PGHOST=localhost PGPORT PGUSER=postgres PGPASSWORD=postgres PGDATABASE=postgres
# production's case: a replica (re)starting against a PostgreSQL server that is already up
replica=(); for i in 1 2 3; do
  launch 8090 QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$PGPORT/postgres" QUARKUS_DATASOURCE_USERNAME=postgres \
    QUARKUS_DATASOURCE_PASSWORD=postgres -- "${use_cache[@]}"
  replica+=("$STARTUP_MS"); kill "$LAUNCHED_PID"; wait "$LAUNCHED_PID" 2>/dev/null || true
done
replica_ms=$(printf '%s\n' "${replica[@]}" | median)
echo "first start (initdb + migrations) ${first_start} ms; restart to ready ${ready[*]} ms; with the $CACHE cache ${cached[*]} ms (Quarkus: ${quarkus_s} s); replica joining the running PostgreSQL ${replica[*]} ms; PostgreSQL on port $PGPORT"

# wrk_run <label> <url> [lua] [args]: appends "rps p50 p99 errors" for one run
wrk_run() {
  local out; out=$(wrk -t2 -c"$CONNS" -d"$DURATION" --latency ${3:+-s "$3"} "$2" ${4:+-- "$4"})
  local rps p50 p99 errs
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out" | ms)
  p99=$(awk '$1=="99%" {print $2}' <<<"$out" | ms)
  errs=$(awk '/Non-2xx/ {s+=$NF} /Socket errors/ {gsub(/[a-z:,]/," "); s+=$1+$2+$3+$4} END {print s+0}' <<<"$out")
  echo "$rps $p50 $p99 $errs" >>"$WORK/$1.runs"
}
summary() { # <label>: median of each column over the runs
  local f="$WORK/$1.runs"
  printf "%s %s %s %s\n" "$(cut -d' ' -f1 "$f" | median)" "$(cut -d' ' -f2 "$f" | median)" \
    "$(cut -d' ' -f3 "$f" | median)" "$(cut -d' ' -f4 "$f" | median)"
}

echo "== read: 100 published comments, anonymous, 64 connections"
psql -q -v ON_ERROR_STOP=1 -f bench/lib/load-read.sql
READ_URL="http://127.0.0.1:$PORT/api/v1/articles/bench-read/comments?limit=100"
curl -sf "$READ_URL" -o "$WORK/www/api/v1/articles/bench-read/comments"
echo "  $(wc -c <"$WORK/www/api/v1/articles/bench-read/comments") bytes per answer"
CONNS=64
warm_up 20s -t2 -c64 "$READ_URL"
rss_warm=$(rss_kb)
sed "s|__DIR__|$WORK|g" bench/lib/nginx.conf >"$WORK/nginx.conf"
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK"
CEILING_URL="http://127.0.0.1:8081/api/v1/articles/bench-read/comments?limit=100"
cmp -s <(curl -sf "$CEILING_URL") "$WORK/www/api/v1/articles/bench-read/comments" || { echo "nginx serves other bytes"; exit 1; }
wrk -t2 -c64 -d5s "$CEILING_URL" >/dev/null
for i in $(seq "$RUNS"); do
  wrk_run read "$READ_URL"
  wrk_run read-ceiling "$CEILING_URL"
done
echo "== read with likes arriving: the same reads while readers like the article's comments (one connection, a like every 20 ms)"
# a like changes a comment's count without emptying the cached page (counts catch up within the cache's 5 s)
LIKE_IDS=$(grep -o '"id":[0-9]*' "$WORK/www/api/v1/articles/bench-read/comments" | cut -d: -f2 | paste -sd,)
for i in $(seq "$RUNS"); do
  wrk -t1 -c1 -d"$(( ${DURATION%s} + 2 ))s" -s bench/lib/like.lua "http://127.0.0.1:$PORT" -- "$LIKE_IDS" 20 >"$WORK/likes-$i.out" &
  likes_pid=$!
  sleep 1
  wrk_run read-with-likes "$READ_URL"
  wait "$likes_pid"
  awk '/Requests\/sec/ {printf "%s ", $2} /Non-2xx/ {printf "non-2xx %s", $NF} END {print ""}' "$WORK/likes-$i.out" >>"$WORK/likes.runs"
done
echo "  likes per second (and refusals) in each run: $(paste -sd';' "$WORK/likes.runs")"
rss_read=$(hwm_kb)

echo "== write: guest submissions through the pipeline, 32 connections; ceiling: pgbench INSERTs"
# as in production, events go out: a webhook (to nginx, answering 204) for every comment created
# (a CMS keeping counts); mail is not involved (these comments are held, so nobody subscribes)
curl -sf -o /dev/null -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
  -d '{"url":"http://127.0.0.1:8081/hooks/parley","events":["comment.created"]}' \
  "http://127.0.0.1:$PORT/admin/v1/webhooks"
CONNS=32
psql -q -v ON_ERROR_STOP=1 -c "drop table if exists bench_comment; create table bench_comment (like comment including all);
  create sequence if not exists bench_comment_seq; insert into article (id, url) values ('bench-write', 'http://localhost:8080/news/bench-write') on conflict do nothing;"
warm_up "$WARMUP" -t2 -c32 -s bench/lib/write.lua "http://127.0.0.1:$PORT" -- w0
for i in $(seq "$RUNS"); do
  wrk_run write "http://127.0.0.1:$PORT" bench/lib/write.lua "r$i-$RANDOM"
  out=$(pgbench -n -c 32 -j 2 -T "${DURATION%s}" -f bench/lib/insert.sql 2>&1)
  tps=$(awk '/^tps/ {print $3; exit}' <<<"$out")
  lat=$(awk '/latency average/ {print $4}' <<<"$out")
  failed=$(awk '/number of failed transactions/ {print $5}' <<<"$out")
  echo "$tps $lat - ${failed:-0}" >>"$WORK/write-ceiling.runs"
done
rss_peak=$(hwm_kb)
sleep 5 # what the last run left is still going out
webhooks=$(psql -tAc "select count(*) filter (where status = 'succeeded') || ' delivered, ' || count(*) filter (where status = 'pending')
  || ' pending, ' || count(*) filter (where status = 'failed') || ' failed; outbox backlog ' || (select count(*) from outbox_event
  ) from webhook_delivery")
echo "  webhooks: $webhooks"
kill "$(cat "$WORK/nginx.pid")"; rm -f "$WORK/nginx.pid"

queue_run() { # <label> <total comments>: loads the queue, then times its pages with wrk and decisions with QueueBench
  # the queue holds exactly <total> comments besides the read article's: the write scenario's go too,
  # without per-row triggers and foreign-key checks (the bench's data only; their counters stay)
  psql -q -v ON_ERROR_STOP=1 -c "set session_replication_role = replica; delete from moderation_event where comment_id >= 700000000000 and comment_id < 800000000000
      or article_id = 'bench-write';
    delete from comment where id >= 700000000000 and id < 800000000000 or article_id = 'bench-write';"
  psql -q -v ON_ERROR_STOP=1 -v total="$2" -f bench/lib/load-queue.sql
  # QueueBench walks the queue by cursor as a moderator paging would, prints where the deep pages
  # start, then times single decisions (each needs a comment of its own, which wrk cannot pick)
  local out; out=$(./mvnw -q -B exec:java@queue-bench -Dbench.base="http://127.0.0.1:$PORT" -Dbench.label="$1")
  grep '^queue ' <<<"$out" >>"$WORK/queue.txt"
  # pages: one connection (a moderator's requests come one at a time), as a real HTTP client
  # would send them; the first URL warms the page code up, each page is then run RUNS times
  local base="http://127.0.0.1:$PORT/admin/v1/comments?status=pending&limit=50" warm=20s what cursor url
  { echo "first-page -"; grep '^cursor ' <<<"$out" | cut -d' ' -f2-; } | while read -r what cursor; do
    url=$base; [ "$cursor" != - ] && url="$base&cursor=$cursor"
    wrk -t1 -c1 -d"$warm" -H "Authorization: Bearer $TOKEN" "$url" >/dev/null; warm=3s
    : >"$WORK/page.runs"
    for i in $(seq "$RUNS"); do
      out=$(wrk -t1 -c1 -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "$url")
      echo "$(awk '$1=="50%" {print $2}' <<<"$out" | ms) $(awk '$1=="99%" {print $2}' <<<"$out" | ms) $(awk '/Non-2xx/ {print $NF}' <<<"$out")" >>"$WORK/page.runs"
    done
    [ -z "$(cut -d' ' -f3 "$WORK/page.runs" | tr -d '\n')" ] || { echo "queue page $what answered non-2xx"; exit 1; }
    echo "queue $1 $what $(cut -d' ' -f1 "$WORK/page.runs" | median) $(cut -d' ' -f2 "$WORK/page.runs" | median)" >>"$WORK/queue.txt"
  done
}
echo "== queue: 10,000 then 1,000,000 comments, a tenth pending"
: >"$WORK/queue.txt"
queue_run 10k 10000
queue_run 1M 1000000

echo
echo "## Results ($(date -u +%F), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), service on $("$SERVICE_JAVA" -version 2>&1 | head -1))"
echo "medians of $RUNS runs of $DURATION each"
echo
echo "| scenario | throughput (/s) | p50 (ms) | p99 (ms) | errors |"
echo "|---|---|---|---|---|"
for s in read read-ceiling read-with-likes write write-ceiling; do
  read -r a b c d <<<"$(summary $s)"
  echo "| $s | $a | $b | $c | $d |"
done
read -r r _ <<<"$(summary read)"; read -r rc _ <<<"$(summary read-ceiling)"
read -r w _ <<<"$(summary write)"; read -r wc _ <<<"$(summary write-ceiling)"
echo
echo "read / read-ceiling = $(awk -v a="$r" -v b="$rc" 'BEGIN {printf "%.2f", a/b}') (target >= 0.5)"
read -r rl _ <<<"$(summary read-with-likes)"
echo "read with likes arriving / read = $(awk -v a="$rl" -v b="$r" 'BEGIN {printf "%.2f", a/b}') (reads stay near their throughput)"
echo "write / write-ceiling = $(awk -v a="$w" -v b="$wc" 'BEGIN {printf "%.2f", a/b}') (target >= 0.5)"
echo "(write-ceiling's p50 column is pgbench's average latency)"
echo
echo "| queue | what | p50 (ms) | p99 (ms) |"
echo "|---|---|---|---|"
awk '{printf "| %s | %s | %s | %s |\n", $2, $3, $4, $5}' "$WORK/queue.txt"
echo
echo "startup (median of 3, target <= 2 s): restart to ready on the embedded PostgreSQL ${ready_ms} ms, ${cached_ms} ms with the $CACHE cache (Quarkus reports ${quarkus_s} s); a replica joining the running PostgreSQL, with the cache, ${replica_ms} ms; first start with initdb ${first_start} ms"
echo "RSS: $((rss_warm / 1024)) MB after warm-up, peak $((rss_read / 1024)) MB under the read load, peak $((rss_peak / 1024)) MB after the write load (target <= 300 MB)"
echo "webhooks during the write scenario (deliveries to nginx): $webhooks"
echo "service JVM: $("$SERVICE_JAVA" -version 2>&1 | head -1); JAVA_OPTS: $JAVA_OPTS"
