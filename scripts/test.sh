#!/usr/bin/env bash
# Runs every test: formatting, unit tests, and the integration and browser tests on SQLite and on PostgreSQL.
# As root with apt available it installs what is missing (PostgreSQL, pg_auto_failover, Chromium, PSPP, R). It starts a throwaway
# PostgreSQL cluster on a free local port and removes it afterwards. Extra arguments go to `dotnet test`.
# Ends with one line: Tests: N passed, N failed, N skipped
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CI="${CI:-false}"
RESULTS="$ROOT/TestResults"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

say() { printf '\n== %s\n' "$*"; }

# 1. What the tests need from the machine.
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || missing+=(postgresql)
# The failover check runs pg_auto_failover: pg_autoctl and its extension, built for one PostgreSQL major version.
pg_major() { local bin; bin=$(pg_bin); if [ -n "$bin" ]; then basename "$(dirname "$bin")"; else echo 15; fi; }
has_auto_failover() { command -v pg_autoctl >/dev/null && [ -f "/usr/lib/postgresql/$(pg_major)/lib/pgautofailover.so" ]; }
has_auto_failover || missing+=("postgresql-$(pg_major)-auto-failover")
# The research export is read back by the programs researchers use: PSPP for the SPSS syntax, R for the R script.
command -v pspp >/dev/null || missing+=(pspp)
command -v Rscript >/dev/null || missing+=(r-base-core)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "Installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Missing ${missing[*]} and cannot install (not root or no apt-get)." >&2
  fi
fi

have_chromium=false; [ -x /usr/bin/chromium ] && have_chromium=true
PG_BIN=$(pg_bin || true)
have_pg=false; [ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] && have_pg=true
if [ "$CI" = true ]; then
  $have_pg || { echo "CI: PostgreSQL is required and missing." >&2; exit 1; }
  has_auto_failover || { echo "CI: pg_auto_failover (postgresql-$(pg_major)-auto-failover) is required and missing." >&2; exit 1; }
  $have_chromium || { echo "CI: Chromium is required and missing." >&2; exit 1; }
fi

# 2. A throwaway PostgreSQL cluster (initdb and postgres refuse to run as root, hence runuser).
PG_DIR=""
cleanup() {
  if [ -n "$PG_DIR" ] && [ -d "$PG_DIR" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
trap cleanup EXIT
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() {
  for p in $(seq 55432 55532); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  echo "No free port for PostgreSQL" >&2; return 1
}
if $have_pg; then
  say "Starting a throwaway PostgreSQL"
  PG_DIR=$(mktemp -d /tmp/leerrijk-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
  PG_PORT=$(free_port)
  as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  # fsync off only because this cluster is thrown away; production keeps PostgreSQL's durable defaults.
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
  export LEERRIJK_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PG_PORT"
fi
$have_chromium && export CHROMIUM_PATH=/usr/bin/chromium
# Screenshots and axe notes of every page the browser tests visit, for people to look at: taken in the SQLite run
# only, since the PostgreSQL run visits the same pages (even as JPEG they add about 20 s to a run). The axe scan that
# fails a test runs there too and not in the PostgreSQL run: the pages come from the same templates, and the scan is
# about a third of a browser run (TEST_ACCESSIBILITY, tests/Leerrijk.BrowserTests/README.md).
ARTIFACTS="$RESULTS/artifacts"

# 3. Build once; formatting and analyzers are part of the build's bar. The build already fails on every code-style
# and analyzer finding (EnforceCodeStyleInBuild, warnings as errors), so the format check looks at whitespace only:
# the full `dotnet format` compiled everything a second time for the same findings (90 s against 10 s).
say "Restore, format check, build"
dotnet tool restore >/dev/null
dotnet restore Leerrijk.slnx -v quiet
dotnet format whitespace Leerrijk.slnx --verify-no-changes --no-restore
dotnet build Leerrijk.slnx -c Release --no-restore -v quiet -nologo

# 4. Tests. The integration and browser suites run once per database.
status=0
run() {
  local name=$1 project=$2 db=$3; shift 3
  say "$name"
  local artifacts="" accessibility=off; [ "$db" = sqlite ] && artifacts=$ARTIFACTS accessibility=on
  TEST_ARTIFACTS=$artifacts TEST_ACCESSIBILITY=$accessibility LEERRIJK_TEST_DB=$db dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" "$@" || status=1
}
run unit tests/Leerrijk.UnitTests sqlite "$@"
run integration-sqlite tests/Leerrijk.IntegrationTests sqlite "$@"
run browser-sqlite tests/Leerrijk.BrowserTests sqlite "$@"
if $have_pg; then
  run integration-postgres tests/Leerrijk.IntegrationTests postgres "$@"
  run browser-postgres tests/Leerrijk.BrowserTests postgres "$@"
  # The fault checks start the app as its own process on SQLite and on a durable PostgreSQL cluster of their own;
  # the short kill, database-restart, SIGTERM, fuzzing, crawl and failover checks run here, the load checks in
  # bench/faults.sh.
  # They run as two processes side by side: most of their time is waiting (for restarts, kills, a promotion),
  # and their short-run assertions are about behaviour, with time limits far above what sharing the cores costs.
  # The second filter is the first one negated (De Morgan), so no check is left out; each half's output follows in turn.
  if [ $# -eq 0 ]; then
    faults_half() {
      local status=0
      LEERRIJK_FAULTS_PART=$1 run "faults-$1" tests/Leerrijk.FaultTests both --filter "$2" > "$RESULTS/faults-$1.log" 2>&1
      return $status
    }
    say "faults, in two halves side by side"
    faults_half 1 "Category!=load&(DisplayName~sqlite|FullyQualifiedName~SlowClientTests|FullyQualifiedName~FailoverTests)" &
    half1=$!
    faults_half 2 "Category!=load&DisplayName!~sqlite&FullyQualifiedName!~SlowClientTests&FullyQualifiedName!~FailoverTests" &
    half2=$!
    wait $half1 || status=1
    wait $half2 || status=1
    cat "$RESULTS/faults-1.log" "$RESULTS/faults-2.log"
  else
    run faults tests/Leerrijk.FaultTests both "$@"
  fi
else
  echo "PostgreSQL is not available: the PostgreSQL runs were left out." >&2
  status=1
fi

# 5. One line for CI, summed over every TRX file.
summary=$(cat "$RESULTS"/*.trx 2>/dev/null | grep -o '<Counters [^>]*' | awk '
  { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]); c[kv[1]] += kv[2] } }
  END { printf "Tests: %d passed, %d failed, %d skipped\n", c["passed"], c["failed"] + c["error"] + c["timeout"] + c["aborted"], c["total"] - c["executed"] }')
[ -n "$summary" ] || summary="Tests: 0 passed, 0 failed, 0 skipped"
echo
echo "$summary"
exit $status
