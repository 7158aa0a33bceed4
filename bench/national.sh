#!/usr/bin/env bash
# A national-scale simulation on PostgreSQL (issue #18): ORGS organisations with long-tailed round sizes (most 5 to
# 50 respondents, a few thousands, one LARGE round) and RESPONSES responses of real instrument content, bulk-loaded
# with binary COPY into a database made by the app's migrations (all its indexes in place) and folded by the app's
# StatisticsFolder. Measures load and fold time, disk size per million responses, the report time of a SMALL and the
# LARGE round, and the durable submission rate (in-process HTTP through the app's group commit) on the loaded
# database beside the same measurement on an empty database of the same cluster.
# PostgreSQL 15 runs as a throwaway cluster with its durable defaults (fsync and synchronous_commit on). Builds
# bench/Leerrijk.Bench.Reports in Release from a copy in /tmp. Nothing listens on a network port except PostgreSQL on
# 127.0.0.1; the run is bounded in time; everything started is stopped and every file written is removed (the data
# directory included), except the results: printed, and written to bench/results/national-<UTC date-time>.md.
#
# Usage: bench/national.sh                 (100,000 organisations, 10 million responses: about 46 GB, more than MAX_GB)
#   ORGS=1000 RESPONSES=100000 bench/national.sh      a small run first, to check and to measure bytes per response
#   LARGE=50000 SMALL=15             the large and the small round measured
#   RUNS=30 WARMUP=10                report runs per round
#   CONCURRENCY=32 SUBMIT_SECONDS=20 SUBMIT_WARMUP=5  the submission runs
#   MAX_GB=40                        the loader stops when the database passes this size (the disk is shared)
#   LIMIT=3000                       seconds the whole bench may take before it is stopped
#   LEERRIJK_BENCH_SOURCE=head       build the committed HEAD (default); =worktree builds the working tree as it is
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SOURCE=${LEERRIJK_BENCH_SOURCE:-head}
ORGS=${ORGS:-100000}
RESPONSES=${RESPONSES:-10000000}
LARGE=${LARGE:-50000}
SMALL=${SMALL:-15}
RUNS=${RUNS:-30}
WARMUP=${WARMUP:-10}
CONCURRENCY=${CONCURRENCY:-32}
SUBMIT_SECONDS=${SUBMIT_SECONDS:-20}
SUBMIT_WARMUP=${SUBMIT_WARMUP:-5}
MAX_GB=${MAX_GB:-40}
LIMIT=${LIMIT:-3000}

say() { printf '\n== %s\n' "$*" >&2; }
die() { echo "national.sh: $*" >&2; exit 1; }

# 1. Tools: the PostgreSQL server. Installed only as root with apt.
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
if ! { [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ]; }; then
  { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; } || die "PostgreSQL is missing and cannot be installed"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
PG_BIN=$(pg_bin)

# The database must fit with room to spare for whoever else uses the disk (WAL and the fold's new row versions
# come on top of the final size until VACUUM and checkpoints reclaim them).
FREE_GB=$(df -P -BG /tmp | awk 'NR == 2 {sub("G", "", $4); print $4}')
[ "$FREE_GB" -gt $((MAX_GB + 10)) ] || die "/tmp has $FREE_GB GB free; MAX_GB=$MAX_GB needs $((MAX_GB + 10))"

# 2. Clean-up of everything this script starts: the bench, the PostgreSQL cluster and its data, the copy and its build.
WORK=$(mktemp -d /tmp/leerrijk-national.XXXXXX)
BENCH_PID=""
SAMPLER_PID=""
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
stop_sampler() {
  if [ -n "$SAMPLER_PID" ]; then kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""; fi
}
cleanup() {
  stop_sampler
  stop_bench
  stop_pg
  [ -n "$PG_DIR" ] && rm -rf "$PG_DIR"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 3. Build Release from a copy, so the build does not share obj/ with anyone else's build.
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

# 4. PostgreSQL: a throwaway cluster with the durable defaults (no fsync=off), its data in /tmp.
free_port() {
  for p in $(seq 55432 55532); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  die "no free port for PostgreSQL"
}
say "PostgreSQL: starting a throwaway cluster with durable defaults"
PG_DIR=$(mktemp -d /tmp/leerrijk-pg.XXXXXX)
[ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
PG_PORT=$(free_port)
as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
  -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1" start >/dev/null
PG_SETTINGS=$(psql -X -q -At -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c \
  "SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name) FROM pg_settings
   WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'work_mem', 'max_wal_size', 'maintenance_work_mem')")
echo "PostgreSQL on port $PG_PORT: $PG_SETTINGS" >&2

# 5. The bench, bounded by LIMIT.
STARTED=$(date -u +%FT%TZ)
STAMP=$(date -u +%Y-%m-%d-%H%M)
LOAD_BEFORE=$(cut -d ' ' -f 1-3 /proc/loadavg)
DF_BEFORE=$(df -h / | awk 'NR == 2 {print $4 " free of " $2}')
SECTION="$WORK/section.md"

# The data directory's largest size during the run (WAL and the fold's old row versions included), every 15 s: the
# bench drops its databases at the end, so a look afterwards would see an empty cluster.
echo 0 >"$WORK/peak"
( max=0; while sleep 15; do
    s=$(du -sb "$PG_DIR/data" 2>/dev/null | cut -f 1) || continue
    if [ "${s:-0}" -gt "$max" ]; then max=$s; echo "$max" >"$WORK/peak"; fi
  done ) &
SAMPLER_PID=$!
COMMAND="ORGS=$ORGS RESPONSES=$RESPONSES LARGE=$LARGE SMALL=$SMALL RUNS=$RUNS WARMUP=$WARMUP CONCURRENCY=$CONCURRENCY SUBMIT_SECONDS=$SUBMIT_SECONDS MAX_GB=$MAX_GB bench/national.sh"
say "dotnet Leerrijk.Bench.Reports.dll national (${COMMAND% bench/national.sh})"
timeout --signal=TERM --kill-after=30 "$LIMIT" dotnet "$BENCH" national \
  --pg "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Timeout=60" \
  --orgs "$ORGS" --responses "$RESPONSES" --large "$LARGE" --small "$SMALL" --runs "$RUNS" --warmup "$WARMUP" \
  --concurrency "$CONCURRENCY" --submit-seconds "$SUBMIT_SECONDS" --submit-warmup "$SUBMIT_WARMUP" --max-gb "$MAX_GB" \
  --results "$SECTION" >/dev/null &
BENCH_PID=$!
wait "$BENCH_PID" || { BENCH_PID=""; die "the bench failed or took longer than $LIMIT s"; }
BENCH_PID=""
LOAD_AFTER=$(cut -d ' ' -f 1-3 /proc/loadavg)
stop_sampler
PEAK_DATA=$(awk '{printf "%.1f GB", $1 / 1e9}' "$WORK/peak")

# 6. The results, in Markdown: printed and kept in bench/results.
OUT="$ROOT/bench/results/national-$STAMP.md"
mkdir -p "$ROOT/bench/results"
{
  echo "# National-scale simulation, $STARTED to $(date -u +%FT%TZ), Leerrijk $REV"
  echo
  echo "Machine: $(nproc) cores ($(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)), $(free -g | awk '/^Mem:/ {print $2}') GiB" \
    "(free -g), $(. /etc/os-release && echo "$PRETTY_NAME"), .NET SDK $(dotnet --version), runtime" \
    "$(dotnet --list-runtimes | awk '/AspNetCore/ {v=$2} END {print v}'); PostgreSQL settings (a throwaway cluster, defaults): $PG_SETTINGS."
  echo "Load average (1, 5, 15 min): $LOAD_BEFORE before, $LOAD_AFTER after (the 2 cores are shared with other work)." \
    "Disk /: $DF_BEFORE before; the cluster's data directory peaked at $PEAK_DATA (sampled every 15 s; WAL included)."
  echo "Command: \`$COMMAND\`"
  echo
  cat "$SECTION"
} >"$OUT"
cat "$OUT"
echo "Written to ${OUT#"$ROOT"/}" >&2
