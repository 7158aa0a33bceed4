#!/usr/bin/env bash
# Load test of the foundation pages: publishes Release, starts Leerrijk on 127.0.0.1 with a fresh SQLite
# database (or PostgreSQL when LEERRIJK_BENCH_PG is a connection string), logs in one demo account, and runs wrk
# against each page. Traffic goes only to 127.0.0.1; every run is bounded by DURATION.
# Usage: bench/load.sh            (DURATION=10s CONNECTIONS=50 THREADS=2 PORT=5098 to change)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-50}
THREADS=${THREADS:-2}
PORT=${PORT:-5098}
BASE="http://127.0.0.1:$PORT"

command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

WORK=$(mktemp -d /tmp/leerrijk-bench.XXXXXX)
APP_PID=""
cleanup() { [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

dotnet publish src/Leerrijk.Web -c Release -o "$WORK/app" -v quiet -nologo >/dev/null

export ASPNETCORE_ENVIRONMENT=Production
export Demo__Seed=true
export App__PublicBaseUrl="$BASE"
export Mail__PickupDirectory="$WORK/mail"
# The limits protect people, not the benchmark: one wrk "browser" sends thousands of requests a second.
export RateLimits__PerClientPerMinute=100000000 RateLimits__PerAddressPerMinute=100000000
if [ -n "${LEERRIJK_BENCH_PG:-}" ]; then
  export ConnectionStrings__Postgres="$LEERRIJK_BENCH_PG"; DB=postgres
else
  export ConnectionStrings__Sqlite="Data Source=$WORK/bench.db"; DB=sqlite
fi
(cd "$WORK/app" && exec dotnet Leerrijk.Web.dll --urls "$BASE" >"$WORK/app.log" 2>&1) &
APP_PID=$!
for _ in $(seq 1 60); do curl -fs "$BASE/health" >/dev/null 2>&1 && break; sleep 0.5; done

# Log in the demo owner the way a browser does, to measure a signed-in page too. Cookies are read from the
# Set-Cookie headers, because curl's jar drops the Secure log-in cookie on plain http.
cookies_from() { grep -i '^set-cookie:' "$1" | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//' | tr -d '\r' | paste -sd ';' -; }
curl -s -D "$WORK/h1" -o "$WORK/login.html" "$BASE/Account/Login"
TOKEN=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$WORK/login.html" | head -n 1 | sed 's/.*value="//; s/"$//')
FIRST=$(cookies_from "$WORK/h1")
curl -s -D "$WORK/h2" -o /dev/null -H "Cookie: $FIRST" --data-urlencode "__RequestVerificationToken=$TOKEN" \
  --data-urlencode "Input.Email=eigenaar@demo.leerrijk.nl" --data-urlencode "Input.Password=leerrijk-demo-2026" "$BASE/Account/Login"
COOKIE="$FIRST;$(cookies_from "$WORK/h2")"
ORG=$(curl -s -H "Cookie: $COOKIE" "$BASE/organisations" | grep -o 'href="/o/[0-9a-f-]*"' | head -n 1 | sed 's/href="//; s/"$//' || true)
[ -n "$ORG" ] || { echo "Log-in for the signed-in benchmark failed" >&2; exit 1; }

# Warm up (JIT, connection pools) so the first page measured is not penalised.
wrk -t"$THREADS" -c"$CONNECTIONS" -d3s "$BASE/" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d3s -H "Cookie: $COOKIE" "$BASE$ORG" >/dev/null

echo "# $(date -u +%FT%TZ) $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $DB, wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
printf '| page | req/s | p50 | p99 | non-2xx |\n|---|---|---|---|---|\n'
run() {
  local name=$1 url=$2; shift 2
  local out; out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url")
  local rps p50 p99 bad
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  bad=$(echo "$out" | awk '/Non-2xx/ {print $NF}'); bad=${bad:-0}
  printf '| %s | %s | %s | %s | %s |\n' "$name" "$rps" "$p50" "$p99" "$bad"
}
run "landing /" "$BASE/"
run "log-in form /Account/Login" "$BASE/Account/Login"
run "health /health (database query)" "$BASE/health"
run "signed in: organisation dashboard" "$BASE$ORG" -H "Cookie: $COOKIE"
