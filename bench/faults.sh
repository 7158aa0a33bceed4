#!/usr/bin/env bash
# The full fault, load and input checks of issue #7 (tests/Leerrijk.FaultTests with LEERRIJK_FAULTS=full): kill -9
# ×20, PostgreSQL restarts ×10, SIGTERM ×10, 10,000 fuzzed requests per public endpoint, the header and CSRF
# crawl, a burst of 5,000 respondents within 5 minutes, overload at twice the measured maximum, a 30-minute
# soak, and four failovers back and forth of a pg_auto_failover cluster. Each starts Leerrijk as its own process on
# 127.0.0.1 (SQLite with synchronous=FULL; a throwaway PostgreSQL cluster with fsync and synchronous_commit on).
# Figures go to bench/results/faults-<date>.md with the machine, the commit and this command. Takes about 80 minutes on 2 cores.
#
# Usage: bench/faults.sh                     everything
#        bench/faults.sh "Category=load"     only burst, overload and soak (any dotnet test filter)
set -euo pipefail
cd "$(dirname "$0")/.."
FILTER=${1:-}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
# The failover check (D9) runs pg_auto_failover: pg_autoctl and its extension for the installed PostgreSQL major.
pg_major() { local bin; bin=$(pg_bin); if [ -n "$bin" ]; then basename "$(dirname "$bin")"; else echo 15; fi; }
missing=()
[ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || missing+=(postgresql)
{ command -v pg_autoctl >/dev/null && [ -f "/usr/lib/postgresql/$(pg_major)/lib/pgautofailover.so" ]; } || missing+=("postgresql-$(pg_major)-auto-failover")
# The overload check times the door with curl, a process apart from the load generator.
command -v curl >/dev/null || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; } || { echo "faults.sh: ${missing[*]} missing and cannot be installed" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

dotnet build tests/Leerrijk.FaultTests -c Release -v quiet -nologo
export LEERRIJK_FAULTS=full
export LEERRIJK_FAULTS_COMMAND="bench/faults.sh${FILTER:+ \"$FILTER\"}"
export LEERRIJK_FAULTS_COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src tests || echo ' (with uncommitted changes)')"
export CI=true
args=(tests/Leerrijk.FaultTests -c Release --no-build --nologo --logger "console;verbosity=normal")
[ -n "$FILTER" ] && args+=(--filter "$FILTER")
dotnet test "${args[@]}"
echo "Figures: $(ls -t bench/results/faults-*.md | head -n 1)"
