#!/usr/bin/env bash
# The adviser's caseload page for an adviser with 20 and one with 200 consenting companies (each with a closed,
# folded round of 25, three plan steps and a track with hours), interleaved with /health as a same-run reference.
# Runs the real app in this process (bench/Leerrijk.Bench.Reports, command "caseload"); advisers log in through the
# real forms, second step included. Prints Markdown and writes bench/results/caseload-<date>.md.
#
# Usage: bench/caseload.sh                         SQLite
#        LEERRIJK_BENCH_PG="Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres" bench/caseload.sh   also PostgreSQL
#        RUNS=40 WARMUP=15
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-40}
WARMUP=${WARMUP:-15}
OUT="bench/results/caseload-$(date -u +%Y-%m-%d-%H%M).md"
dotnet build bench/Leerrijk.Bench.Reports -c Release -v quiet -nologo >/dev/null
DLL=bench/Leerrijk.Bench.Reports/bin/Release/net10.0/Leerrijk.Bench.Reports.dll
{
  echo "# Caseload bench, $(date -u +%Y-%m-%d) (commit $(git rev-parse --short HEAD))"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), .NET $(dotnet --version). Command: bench/caseload.sh (RUNS=$RUNS WARMUP=$WARMUP)."
  echo
} > "$OUT"
dotnet "$DLL" caseload --db sqlite --runs "$RUNS" --warmup "$WARMUP" --results "$PWD/$OUT" >/dev/null
if [ -n "${LEERRIJK_BENCH_PG:-}" ]; then
  echo >> "$OUT"
  dotnet "$DLL" caseload --db postgres --pg "$LEERRIJK_BENCH_PG" --runs "$RUNS" --warmup "$WARMUP" --results "$PWD/$OUT" >/dev/null
fi
cat "$OUT"
