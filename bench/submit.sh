#!/usr/bin/env bash
# Load test of the JSON submission endpoint POST /api/v1/s/DEMO/responses: every request is a complete teamscan
# response (24 answers, one open answer) with a new random UUID, so each one is a new stored response, not a
# replay. Publishes Release once, then for SQLite and for PostgreSQL 15 (a throwaway cluster with its durable
# defaults: fsync and synchronous_commit on) starts Leerrijk in Production mode on 127.0.0.1 with a fresh database
# and the demo data, warms up, and runs wrk with bench/submit.lua. On the same cluster pgbench measures the raw
# insert rate to compare with. Checks afterwards that the rows stored match the 201s wrk counted, and records the
# app's peak memory. Traffic goes only to 127.0.0.1; every step is bounded in time; everything started is stopped.
#
# Usage: bench/submit.sh        (DURATION=20s CONNECTIONS=32 THREADS=2 PORT=5099 to change)
#   LEERRIJK_BENCH_SOURCE=head      publish the committed HEAD (default; a copy in /tmp, so nobody's obj/ is touched)
#   LEERRIJK_BENCH_SOURCE=worktree  publish the working tree as it is, uncommitted changes included
#   LEERRIJK_BENCH_DBS="sqlite postgres"  which databases to run
#   BATCHES="256 1"   group commit's largest batch (Submissions:MaxBatch) per measured run; 1 = one transaction per
#                     submission, for comparison. The first value is the one the targets are judged on.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
PORT=${PORT:-5099}
SOURCE=${LEERRIJK_BENCH_SOURCE:-head}
DBS=${LEERRIJK_BENCH_DBS:-sqlite postgres}
BASE="http://127.0.0.1:$PORT"
URL="$BASE/api/v1/s/DEMO/responses"
LUA="$ROOT/bench/submit.lua"
SECONDS_RUN=${DURATION%s}
BATCHES=${BATCHES:-256 1}

say() { printf '\n== %s\n' "$*" >&2; }
die() { echo "submit.sh: $*" >&2; exit 1; }

# 1. Tools: wrk, sqlite3, PostgreSQL (server and pgbench). Installed only as root with apt.
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
{ [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] && [ -x "$(pg_bin)/pgbench" ]; } || missing+=(postgresql postgresql-contrib)
if [ ${#missing[@]} -gt 0 ]; then
  { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; } || die "missing ${missing[*]} and cannot install them"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
PG_BIN=$(pg_bin)
(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && die "port $PORT is in use; set PORT"

# 2. Clean-up of everything this script starts: the app, the memory sampler, the PostgreSQL cluster.
WORK=$(mktemp -d /tmp/leerrijk-submit.XXXXXX)
APP_PID=""
SAMPLER_PID=""
PG_DIR=""
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_sampler() {
  if [ -n "$SAMPLER_PID" ]; then kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""; fi
}
stop_app() {
  # SIGTERM lets Kestrel finish requests in flight; after 10 s it is killed.
  if [ -n "$APP_PID" ]; then
    kill -TERM "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=""
  fi
}
stop_pg() {
  if [ -n "$PG_DIR" ] && [ -d "$PG_DIR/data" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -t 30 -w stop >/dev/null 2>&1 || true
  fi
}
cleanup() {
  stop_sampler
  stop_app
  stop_pg
  [ -n "$PG_DIR" ] && rm -rf "$PG_DIR"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 3. Publish Release once, from a copy, so the build does not share obj/ with anyone else's build.
say "Publishing Release ($SOURCE)"
REV=$(git rev-parse --short HEAD)
mkdir -p "$WORK/src"
if [ "$SOURCE" = worktree ]; then
  tar -c --exclude=./.git --exclude=bin --exclude=obj --exclude=./TestResults --exclude=./data . | tar -x -C "$WORK/src"
  [ -z "$(git status --porcelain -- src content)" ] || REV="$REV + uncommitted changes"
else
  git archive --format=tar HEAD | tar -x -C "$WORK/src"
fi
timeout 600 dotnet publish "$WORK/src/src/Leerrijk.Web" -c Release -o "$WORK/app" -v quiet -nologo >"$WORK/publish.log" 2>&1 \
  || { cat "$WORK/publish.log" >&2; die "publish failed"; }
rm -rf "$WORK/src"

# 4. The app, in Production mode, on a fresh database with the demo data (round DEMO).
export ASPNETCORE_ENVIRONMENT=Production
export Demo__Seed=true
export App__PublicBaseUrl="$BASE"
export Mail__PickupDirectory="$WORK/mail"
# The limits protect people, not the benchmark: one wrk client sends thousands of requests a second.
export RateLimits__PerClientPerMinute=100000000 RateLimits__PerAddressPerMinute=100000000
# The app's metrics, for the JIT's running total: the warm-up lasts until compilation is done.
METRICS_PORT=${METRICS_PORT:-5098}
export Observability__MetricsPort=$METRICS_PORT
jit_seconds() {
  curl -fs --max-time 5 "http://127.0.0.1:$METRICS_PORT/metrics" | awk '$1 ~ /^dotnet_jit_compilation_time_seconds_total/ {print $2}'
}
start_app() {
  local name=$1
  (cd "$WORK/app" && exec dotnet Leerrijk.Web.dll --urls "$BASE" >"$WORK/app-$name.log" 2>&1) &
  APP_PID=$!
  for _ in $(seq 1 120); do
    curl -fs --max-time 2 "$BASE/health" >/dev/null 2>&1 && return 0
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 0.5
  done
  tail -n 40 "$WORK/app-$name.log" >&2
  die "the app did not start ($name)"
}
# Peak resident memory: the kernel's high-water mark VmHWM (since start: migration, seeding, warm-up, run), and
# VmRSS sampled every second during the measured run.
sample_rss() {
  local pid=$1 out=$2 max=0 v
  for _ in $(seq 1 900); do
    v=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null) || break
    [ -n "$v" ] || break
    [ "$v" -gt "$max" ] && max=$v && echo "$max" >"$out"
    sleep 1
  done
}
# CPU accounting, in clock ticks: the app process; the whole PostgreSQL cluster (postmaster, its live children,
# and the children it has already reaped); the machine's busy and iowait time from /proc/stat.
TICK=$(getconf CLK_TCK)
app_ticks() { awk '{print $14 + $15}' "/proc/$APP_PID/stat"; }
pg_ticks() {
  [ -n "$PG_DIR" ] && [ -f "$PG_DIR/data/postmaster.pid" ] || { echo 0; return; }
  local pm; pm=$(head -n 1 "$PG_DIR/data/postmaster.pid")
  { awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat"
    for f in /proc/[0-9]*/stat; do awk -v pm="$pm" '$4 == pm {print $14 + $15}' "$f" 2>/dev/null || true; done
  } | awk '{s += $1} END {print s + 0}'
}
machine_ticks() { awk '$1 == "cpu" {print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6, $6}' /proc/stat; }  # busy total-idle iowait
kib_status() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
mib() { awk -v k="$1" 'BEGIN {printf "%.0f MiB", k / 1024}'; }

# One submission by hand first: the body the Lua script sends must be accepted (201) before load is worth anything.
check_one() {
  local status
  status=$(curl -s --max-time 10 -o "$WORK/one.json" -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @- "$URL" <<EOF
{"id":"$(cat /proc/sys/kernel/random/uuid)","language":"nl","role":"employee","department":"Werkplaats",
 "answers":{"fout-melden":4,"fout-leren":3,"vragen-stellen":5,"fout-afgerekend":2,"nieuw-proberen":4,"verbeteren":4,
 "tijd-voor-nieuw":3,"altijd-zo":2,"andere-vakken":3,"kennis-delen":4,"meelopen":3,"samen-oplossen":5,"feedback":4,
 "zelf-kiezen":3,"coach-vragen":3,"leren-voorbeeld":4,"ontwikkelgesprek":5,"terugkijken":3,"budget":2,"tijd-leren":3,
 "klanten":4,"leveranciers":2,"scholen":3,"andere-bedrijven":2},"open":{"wat-helpt":"Samen naar een storing kijken."}}
EOF
)
  [ "$status" = 201 ] || { cat "$WORK/one.json" >&2; die "a single submission got $status, not 201"; }
}

# count_rows <db> prints "responses answers comments".
count_rows() {
  case $1 in
    sqlite) sqlite3 "$WORK/bench.db" 'PRAGMA busy_timeout=5000; SELECT (SELECT COUNT(*) FROM Responses) || " " || (SELECT COUNT(*) FROM ResponseAnswer) || " " || (SELECT COUNT(*) FROM ResponseComment);' | tail -n 1 ;;
    postgres) psql -X -q -At -h 127.0.0.1 -p "$PG_PORT" -U postgres -d leerrijk_bench \
      -c 'SELECT (SELECT COUNT(*) FROM "Responses") || $$ $$ || (SELECT COUNT(*) FROM "ResponseAnswer") || $$ $$ || (SELECT COUNT(*) FROM "ResponseComment")' ;;
  esac
}

# count_unfolded <db> prints how many stored responses the statistics folder has not folded yet.
count_unfolded() {
  case $1 in
    sqlite) sqlite3 "$WORK/bench.db" 'PRAGMA busy_timeout=5000; SELECT COUNT(*) FROM Responses WHERE NOT Folded;' | tail -n 1 ;;
    postgres) psql -X -q -At -h 127.0.0.1 -p "$PG_PORT" -U postgres -d leerrijk_bench -c 'SELECT COUNT(*) FROM "Responses" WHERE NOT "Folded"' ;;
  esac
}

ROWS=()
# measure <db>: warm up, run wrk, record memory, stop the app, verify the rows. Appends one table row to ROWS.
measure() {
  local db=$1 batch=$2 before after out label
  label="$DB_LABEL, $( [ "$batch" = 1 ] && echo "one transaction per submission" || echo "group commit, batches up to $batch")"
  export Submissions__MaxBatch=$batch
  start_app "$db"
  check_one
  # Warm up until the JIT is done: tiered compilation keeps recompiling hot code for tens of seconds after a
  # start, and a run that includes it measures the first minute (about a quarter more app CPU per submission in
  # a 20 s run after 5 s of warm-up, 2026-12-05), not the day. Settled: under 50 ms of JIT in a 5 s slice.
  say "$db: warming up until the JIT is done (5 s slices, at most 120 s)"
  local j0 j1 warm=0
  j0=$(jit_seconds)
  while :; do
    timeout 60 wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s "$LUA" "$URL" >"$WORK/warm-$db.txt"
    warm=$((warm + 5)); j1=$(jit_seconds)
    awk -v a="$j0" -v b="$j1" 'BEGIN {exit !(b - a < 0.05)}' && break
    [ "$warm" -ge 120 ] && { say "$db: the JIT had not settled after $warm s; measuring anyway"; break; }
    j0=$j1
  done
  sleep 1
  before=$(count_rows "$db")
  say "$db: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency"
  sample_rss "$APP_PID" "$WORK/rss-$db" &
  SAMPLER_PID=$!
  local app0 pg0 m0 app1 pg1 m1
  app0=$(app_ticks); pg0=$(pg_ticks); m0=$(machine_ticks); j0=$(jit_seconds)
  out=$(timeout $((SECONDS_RUN + 60)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$LUA" "$URL")
  app1=$(app_ticks); pg1=$(pg_ticks); m1=$(machine_ticks); j1=$(jit_seconds)
  local hwm; hwm=$(kib_status "$APP_PID" VmHWM)
  # A folder that falls behind makes submissions look cheaper than they are: its backlog is work left for later.
  local unfolded; unfolded=$(count_unfolded "$db")
  stop_sampler
  echo "$out" >"$WORK/wrk-$db.txt"
  echo "$out" >&2
  stop_app
  after=$(count_rows "$db")
  get() { echo "$out" | awk -v k="$1" '$1 == "BENCH" && $2 == k {$1 = ""; $2 = ""; sub(/^ +/, ""); print}'; }
  local created non2xx errors stored answers comments note
  created=$(get created); non2xx=$(get non2xx); errors=$(get socket_errors)
  read -r b_resp b_ans b_com <<<"$before"
  read -r a_resp a_ans a_com <<<"$after"
  stored=$((a_resp - b_resp)); answers=$((a_ans - b_ans)); comments=$((a_com - b_com))
  # Requests still in flight when wrk stops are finished by the app (graceful stop) but never counted by wrk, so
  # stored may exceed acknowledged by at most the number of connections; fewer stored than acknowledged is a loss.
  if [ "$stored" -lt "$created" ]; then note="LOST $((created - stored))"
  elif [ "$stored" -le $((created + CONNECTIONS)) ]; then note="ok, +$((stored - created)) in flight at stop"
  else note="MORE than expected"; fi
  [ "$answers" -eq $((stored * 24)) ] && [ "$comments" -eq "$stored" ] || note="$note; answers $answers, comments $comments: NOT 24 and 1 per response"
  [ "$errors" = "connect=0 read=0 write=0 timeout=0" ] || non2xx="$non2xx (socket errors: $errors)"
  echo "statuses: $(get statuses); rows before $before, after $after" >&2
  ROWS+=("| $label | $(get created_per_s) | $(get p50) | $(get p95) | $(get p99) | $non2xx | $stored / $created ($note) | $unfolded | $(mib "$hwm") (sampled max during run $(mib "$(cat "$WORK/rss-$db" 2>/dev/null || echo 0)")) |")
  [ "$batch" = "$FIRST_BATCH" ] && eval "RATE_$db=$(get created_per_s)" && eval "P99_$db='$(get p99)'"
  # Where the two cores went during the run: CPU-milliseconds per acknowledged submission, and shares of the
  # machine's capacity (nproc x wall time). "Everything else" is wrk itself and any other work on the machine.
  read -r mb0 mi0 mw0 <<<"$m0"; read -r mb1 mi1 mw1 <<<"$m1"
  CPU_ROWS+=("$(awk -v name="$label" -v n="$created" -v tick="$TICK" -v app=$((app1 - app0)) -v pg=$((pg1 - pg0)) \
    -v busy=$((mb1 - mb0)) -v idle=$((mi1 - mi0)) -v wait=$((mw1 - mw0)) -v warm="$warm" -v jit="$j0 $j1" 'BEGIN {
      cap = busy + idle; ms = 1000 / tick; other = busy - app - pg; split(jit, j, " ")
      printf "| %s | %.2f ms | %.2f ms | %.0f%% | %.0f%% | %.0f%% | %.0f%% | %.0f%% | %d s / %.0f ms |", name, app * ms / n, pg * ms / n,
        100 * busy / cap, 100 * app / cap, 100 * pg / cap, 100 * other / cap, 100 * wait / cap, warm, 1000 * (j[2] - j[1])
    }')")
}
CPU_ROWS=()
FIRST_BATCH=${BATCHES%% *}

# 5. PostgreSQL: a throwaway cluster as scripts/test.sh starts it, but with the durable defaults (no fsync=off).
free_port() {
  for p in $(seq 55432 55532); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  die "no free port for PostgreSQL"
}
PGBENCH=()
start_pg() {
  PG_DIR=$(mktemp -d /tmp/leerrijk-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
  PG_PORT=$(free_port)
  as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
  PSQL=(psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres)
  "${PSQL[@]}" -d postgres -c 'CREATE DATABASE leerrijk_bench' -c 'CREATE DATABASE pgbench_raw'
  PG_VERSION=$("${PSQL[@]}" -d postgres -c 'SHOW server_version')
  PG_SETTINGS=$("${PSQL[@]}" -d postgres -c "SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'wal_sync_method', 'full_page_writes', 'shared_buffers')")
}
# pgbench scripts: (1) the raw rate, one single-row INSERT per transaction (autocommit, so one durable commit each);
# (2) the reference for the app, a transaction shaped like one submission: 1 response + 24 answers + 1 comment in one
# commit, into the app's own tables. Their definitions (columns, keys, indexes, foreign keys) are dumped from a
# database the app itself has just migrated, so the reference cannot drift from the app: written by hand, it had
# (from 2026-11-23 to 2026-12-06) two indexes, three columns and the round's foreign key fewer than the app's tables.
# app_tables dumps them; run_pgbench writes the scripts and the schema; pgbench_once runs one.
app_tables() {
  say "postgres: the app's tables for the reference (the app migrates a scratch database)"
  "${PSQL[@]}" -d postgres -c 'CREATE DATABASE leerrijk_tables'
  export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=leerrijk_tables"
  start_app tables
  stop_app
  "$PG_BIN/pg_dump" -s --no-owner --no-privileges -h 127.0.0.1 -p "$PG_PORT" -U postgres \
    -t '"Responses"' -t '"ResponseAnswer"' -t '"ResponseComment"' leerrijk_tables >"$WORK/app-tables.sql"
  "${PSQL[@]}" -d postgres -c 'DROP DATABASE leerrijk_tables'
  grep -q 'REFERENCES public."Rounds"' "$WORK/app-tables.sql" || die "the dump of the app's tables has no foreign key to Rounds; update app_tables"
}
run_pgbench() {
  cat >"$WORK/schema.sql" <<'SQL'
CREATE TABLE t (id uuid PRIMARY KEY, a int NOT NULL, b text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
-- The one table the app's response tables refer to, reduced to its key, with the round every response goes to.
CREATE TABLE "Rounds" ("Id" uuid PRIMARY KEY);
INSERT INTO "Rounds" VALUES ('00000000-0000-0000-0000-000000000002');
SQL
  cat >"$WORK/insert.sql" <<'SQL'
\set a random(1, 5)
INSERT INTO t (id, a, b) VALUES (gen_random_uuid(), :a, 'Werkplaats');
SQL
  cat >"$WORK/submission.sql" <<'SQL'
WITH r AS (
  INSERT INTO "Responses" ("Id", "OrganisationId", "RoundId", "SubmittedOn", "Language", "Role", "Department", "YearsEmployed", "Folded", "ContentHash")
  VALUES (gen_random_uuid(), '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002', current_date, 'nl', 'Employee',
          'Werkplaats', NULL, false, md5(random()::text) || md5(random()::text))
  RETURNING "Id", "OrganisationId", "RoundId"),
a AS (
  INSERT INTO "ResponseAnswer" ("ResponseId", "OrganisationId", "InstrumentId", "ItemId", "Value")
  SELECT r."Id", r."OrganisationId", 'leerrijk-teamscan', 'item-' || g, 1 + (random() * 4)::int FROM r, generate_series(1, 24) g)
INSERT INTO "ResponseComment" ("ResponseId", "OrganisationId", "RoundId", "QuestionId", "Text")
SELECT r."Id", r."OrganisationId", r."RoundId", 'wat-helpt', 'Samen naar een lastige storing kijken en daarna bespreken wat we ervan leren.' FROM r;
SQL
  "${PSQL[@]}" -d pgbench_raw -f "$WORK/schema.sql"
  "${PSQL[@]}" -d pgbench_raw -f "$WORK/app-tables.sql" >/dev/null
}
# pgbench_once <insert|submission> <when>: one pgbench run; sets TPS_<name>_<when>.
pgbench_once() {
  local name=$1 when=$2 out tps
  say "postgres ($when the app): pgbench -n -c $CONNECTIONS -j $THREADS -T $SECONDS_RUN -f $name.sql"
  out=$(timeout $((SECONDS_RUN + 60)) pgbench -n -c "$CONNECTIONS" -j "$THREADS" -T "$SECONDS_RUN" -h 127.0.0.1 -p "$PG_PORT" -U postgres \
    -f "$WORK/$name.sql" pgbench_raw 2>&1)
  echo "$out" | grep -E 'transactions actually processed|latency average|^tps' >&2
  tps=$(echo "$out" | awk '/^tps/ {printf "%.0f", $3; exit}')
  eval "TPS_${name}_$when=$tps"
}

echo "# $(date -u +%FT%TZ), Leerrijk $REV" >&2
for db in $DBS; do
  case $db in
    sqlite)
      unset ConnectionStrings__Postgres
      export ConnectionStrings__Sqlite="Data Source=$WORK/bench.db"
      DB_LABEL="SQLite (WAL, synchronous=FULL)"
      say "SQLite"
      for batch in $BATCHES; do measure sqlite "$batch"; done
      ;;
    postgres)
      say "PostgreSQL: starting a throwaway cluster with durable defaults"
      start_pg
      echo "PostgreSQL $PG_VERSION on port $PG_PORT: $PG_SETTINGS" >&2
      unset ConnectionStrings__Sqlite
      app_tables
      run_pgbench
      export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=leerrijk_bench"
      DB_LABEL="PostgreSQL ${PG_VERSION%% *} (fsync, synchronous_commit on)"
      # The reference is measured on the same cluster in the same minutes, before and after the app (interleaved),
      # because the machine is shared and an absolute figure from another day says little.
      pgbench_once insert before
      pgbench_once submission before
      for batch in $BATCHES; do measure postgres "$batch"; done
      pgbench_once submission after
      pgbench_once insert after
      TPS_submission=$(( (TPS_submission_before + TPS_submission_after) / 2 ))
      TPS_insert=$(( (TPS_insert_before + TPS_insert_after) / 2 ))
      PGBENCH+=("- raw insert, one row per transaction (\`INSERT INTO t (id, a, b) VALUES (gen_random_uuid(), :a, 'Werkplaats')\`, autocommit): **$TPS_insert tps** (before the app $TPS_insert_before, after $TPS_insert_after)")
      PGBENCH+=("- submission-shaped, one submission's rows per transaction (1 response + 24 answers + 1 comment in one statement, into the app's own table definitions): **$TPS_submission tps** (before the app $TPS_submission_before, after $TPS_submission_after)")
      "${PSQL[@]}" -d pgbench_raw -c 'SELECT $$rows: t=$$ || (SELECT count(*) FROM t) || $$, responses=$$ || (SELECT count(*) FROM "Responses") || $$, answers=$$ || (SELECT count(*) FROM "ResponseAnswer")' >&2
      stop_pg
      ;;
    *) die "unknown database $db" ;;
  esac
done

# 6. The report, in markdown.
echo
echo "Submissions benchmark, $(date -u +%FT%TZ), Leerrijk $REV: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
  ".NET SDK $(dotnet --version), runtime $(dotnet --list-runtimes | awk '/AspNetCore/ {v=$2} END {print v}')${PG_VERSION:+, PostgreSQL $PG_VERSION};" \
  "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -s bench/submit.lua POST /api/v1/s/DEMO/responses"
echo
echo "| database | submissions/s (201/s) | p50 | p95 | p99 | non-2xx | rows stored / 201s acknowledged | not yet folded when wrk stopped | peak RSS (VmHWM) |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${ROWS[@]}"
echo
echo "CPU during the measured run (ms of CPU per acknowledged submission; % of the machine's $(nproc) cores x wall time):"
echo
echo "| database | app CPU / submission | PostgreSQL CPU / submission | machine busy | app | PostgreSQL | everything else (wrk, other processes) | iowait | warm-up / JIT during the run |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${CPU_ROWS[@]}"
if [ -n "${TPS_insert:-}" ]; then
  echo
  echo "pgbench on the same PostgreSQL ($PG_SETTINGS), -n -c $CONNECTIONS -j $THREADS -T $SECONDS_RUN, app stopped, run before and after the app (the figure is their mean):"
  echo
  printf '%s\n' "${PGBENCH[@]}"
  if [ -n "${RATE_postgres:-}" ]; then
    echo
    awk -v r="$RATE_postgres" -v ref="$TPS_submission" -v p99="${P99_postgres%ms}" 'BEGIN {
      printf "Target: PostgreSQL at least 1.0x the submission-shaped pgbench rate of this run (%.0f tps): %.0f/s is %.2fx, %s.\n", ref, r, r / ref, (r >= ref ? "met" : "NOT met")
      printf "Target: PostgreSQL at least 2,000 durable submissions/s: %.0f/s, %s.\n", r, (r >= 2000 ? "met" : "NOT met")
      printf "Target: PostgreSQL p99 under 300 ms: %.1f ms, %s.\n", p99, (p99 < 300 ? "met" : "NOT met")
    }'
  fi
fi
if [ -n "${RATE_sqlite:-}" ]; then
  echo
  awk -v r="$RATE_sqlite" -v p99="${P99_sqlite%ms}" 'BEGIN {
    printf "Target: SQLite at least 1,000 durable submissions/s (synchronous=FULL): %.0f/s, %s.\n", r, (r >= 1000 ? "met" : "NOT met")
    printf "Target: SQLite p99 under 300 ms: %.1f ms, %s.\n", p99, (p99 < 300 ? "met" : "NOT met")
  }'
fi
