#!/usr/bin/env bash
# Report time for rounds of 50, 5,000 and 500,000 responses, on SQLite and on PostgreSQL 15 (a throwaway cluster
# with its durable defaults: fsync and synchronous_commit on). Builds bench/Leerrijk.Bench.Reports in Release from a
# copy in /tmp, then per database: a fresh database with the app's migrations, responses bulk-loaded unfolded, the
# app's StatisticsFolder folds them, and ReportQueries.BuildAsync (plus its parts, plus the JSON API and the report
# page over in-process HTTP) is timed per round; then again with a tail of unfolded responses. Prints Markdown.
# Nothing listens on a network port except PostgreSQL on 127.0.0.1; every step is bounded in time; everything
# started is stopped and every file written is removed (the PostgreSQL data lives in /tmp).
#
# Usage: bench/report.sh          (about 25 minutes on 2 cores; the 500,000-response round is most of it)
#   SIZES=50,5000,500000 RUNS=30 WARMUP=5 TAIL=1000   what to measure
#   LIMIT=3600                       seconds one database's run may take before it is stopped
#   LEERRIJK_BENCH_SOURCE=head       build the committed HEAD (default); =worktree builds the working tree as it is
#   LEERRIJK_BENCH_DBS="sqlite postgres"   which databases to run
#   EXPLAIN=1                        also log each round's query plans (EXPLAIN ANALYZE / EXPLAIN QUERY PLAN)
#   KEEP_RESULTS=FILE                keep the raw results (tab-separated) there; `dotnet ...dll summary --results FILE` reprints
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCE=${LEERRIJK_BENCH_SOURCE:-head}
DBS=${LEERRIJK_BENCH_DBS:-sqlite postgres}
SIZES=${SIZES:-50,5000,500000}
RUNS=${RUNS:-30}
WARMUP=${WARMUP:-5}
TAIL=${TAIL:-1000}
LIMIT=${LIMIT:-3600}
EXPLAIN_ARG=(); [ "${EXPLAIN:-0}" = 1 ] && EXPLAIN_ARG=(--explain)

say() { printf '\n== %s\n' "$*" >&2; }
die() { echo "report.sh: $*" >&2; exit 1; }

# 1. Tools: the PostgreSQL server. Installed only as root with apt.
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
if [[ " $DBS " == *" postgres "* ]] && ! { [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ]; }; then
  { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; } || die "PostgreSQL is missing and cannot be installed"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
PG_BIN=$(pg_bin || true)

# 2. Clean-up of everything this script starts: the bench, the PostgreSQL cluster, the copy and its build.
WORK=$(mktemp -d /tmp/leerrijk-report.XXXXXX)
BENCH_PID=""
PG_DIR=""
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_bench() {
  if [ -n "$BENCH_PID" ]; then
    kill -TERM "$BENCH_PID" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$BENCH_PID" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$BENCH_PID" 2>/dev/null || true
    wait "$BENCH_PID" 2>/dev/null || true
    BENCH_PID=""
  fi
}
stop_pg() {
  if [ -n "$PG_DIR" ] && [ -d "$PG_DIR/data" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -t 60 -w stop >/dev/null 2>&1 || true
  fi
}
cleanup() {
  stop_bench
  stop_pg
  [ -n "$PG_DIR" ] && rm -rf "$PG_DIR"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 3. Build Release from a copy, so the build does not share obj/ with anyone else's build. The copy stays until the
# end: WebApplicationFactory runs the app with its content root in the copy's src/Leerrijk.Web.
say "Building Release ($SOURCE)"
REV=$(git rev-parse --short HEAD)
mkdir -p "$WORK/src"
if [ "$SOURCE" = worktree ]; then
  tar -c --exclude=./.git --exclude=bin --exclude=obj --exclude=./TestResults --exclude=./data . | tar -x -C "$WORK/src"
  [ -z "$(git status --porcelain -- src content bench)" ] || REV="$REV + uncommitted changes"
else
  git archive --format=tar HEAD | tar -x -C "$WORK/src"
fi
timeout 900 dotnet build "$WORK/src/bench/Leerrijk.Bench.Reports" -c Release -v quiet -nologo >"$WORK/build.log" 2>&1 \
  || { cat "$WORK/build.log" >&2; die "build failed"; }
BENCH="$WORK/src/bench/Leerrijk.Bench.Reports/bin/Release/net10.0/Leerrijk.Bench.Reports.dll"
RESULTS="$WORK/results.tsv"
: >"$RESULTS"

# 4. PostgreSQL: a throwaway cluster as scripts/test.sh starts it, but with the durable defaults (no fsync=off).
free_port() {
  for p in $(seq 55432 55532); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  die "no free port for PostgreSQL"
}
start_pg() {
  PG_DIR=$(mktemp -d /tmp/leerrijk-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
  PG_PORT=$(free_port)
  as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1" start >/dev/null
  PG_SETTINGS=$(psql -X -q -At -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c \
    "SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name) FROM pg_settings
     WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'work_mem', 'max_wal_size')")
}

# run_bench <db> [extra arguments]: one database in one process, bounded by LIMIT.
run_bench() {
  local db=$1; shift
  say "$db: dotnet Leerrijk.Bench.Reports.dll run --db $db --sizes $SIZES --runs $RUNS --warmup $WARMUP --tail $TAIL"
  LOADS+=("$db: $(cut -d ' ' -f 1-3 /proc/loadavg) before")
  mkdir -p "$WORK/$db"
  timeout --signal=TERM --kill-after=30 "$LIMIT" dotnet "$BENCH" run --db "$db" "$@" --sizes "$SIZES" --runs "$RUNS" \
    --warmup "$WARMUP" --tail "$TAIL" --work "$WORK/$db" --results "$RESULTS" "${EXPLAIN_ARG[@]}" >&2 &
  BENCH_PID=$!
  wait "$BENCH_PID" || { BENCH_PID=""; die "the $db run failed or took longer than $LIMIT s"; }
  BENCH_PID=""
  rm -rf "${WORK:?}/$db"
  LOADS[-1]="${LOADS[-1]}, $(cut -d ' ' -f 1-3 /proc/loadavg) after"
}

LOADS=()
STARTED=$(date -u +%FT%TZ)
for db in $DBS; do
  case $db in
    sqlite) run_bench sqlite ;;
    postgres)
      say "PostgreSQL: starting a throwaway cluster with durable defaults"
      start_pg
      echo "PostgreSQL on port $PG_PORT: $PG_SETTINGS" >&2
      run_bench postgres --pg "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
      stop_pg
      ;;
    *) die "unknown database $db" ;;
  esac
done

# 5. The report, in Markdown.
echo
echo "Report-time benchmark, $STARTED to $(date -u +%FT%TZ), Leerrijk $REV."
echo
echo "Machine: $(nproc) cores ($(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)), $(free -g | awk '/^Mem:/ {print $2}') GiB" \
  "(free -g), $(. /etc/os-release && echo "$PRETTY_NAME"), .NET SDK $(dotnet --version), runtime" \
  "$(dotnet --list-runtimes | awk '/AspNetCore/ {v=$2} END {print v}')${PG_SETTINGS:+; PostgreSQL settings: $PG_SETTINGS}."
echo "Load average (1, 5, 15 min) around each run: $(IFS=';'; echo "${LOADS[*]}" | sed 's/;/; /g')."
echo "Command: \`SIZES=$SIZES RUNS=$RUNS WARMUP=$WARMUP TAIL=$TAIL bench/report.sh\`"
echo
dotnet "$BENCH" summary --results "$RESULTS"
[ -z "${KEEP_RESULTS:-}" ] || cp "$RESULTS" "$KEEP_RESULTS"
