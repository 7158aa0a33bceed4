#!/usr/bin/env bash
# A programme of 100 and one of 1,000 companies (5,000 and 50,000 responses), each in its own database, all companies
# joined, sharing and in the norm pool: the two nightly jobs (ProgrammeComputation.ComputeAsync, NormRefresher.RefreshAsync)
# timed once per size, then the monitor page, a company's report page with its norm comparison and /health as a
# same-run reference, interleaved over both sizes.
# Runs the real app in this process (bench/Leerrijk.Bench.Reports, command "programme"); the programme manager logs in
# through the real forms, second step included. Prints Markdown and writes bench/results/programme-<date>.md.
#
# Usage: bench/programme.sh                         SQLite
#        LEERRIJK_BENCH_PG="Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres" bench/programme.sh   also PostgreSQL
#        RUNS=40 WARMUP=15
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-40}
WARMUP=${WARMUP:-15}
OUT="bench/results/programme-$(date -u +%Y-%m-%d-%H%M).md"
dotnet build bench/Leerrijk.Bench.Reports -c Release -v quiet -nologo >/dev/null
DLL=bench/Leerrijk.Bench.Reports/bin/Release/net10.0/Leerrijk.Bench.Reports.dll
{
  echo "# Programme bench, $(date -u +%Y-%m-%d) (commit $(git rev-parse --short HEAD))"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), .NET $(dotnet --version). Command: bench/programme.sh (RUNS=$RUNS WARMUP=$WARMUP)."
  echo
} > "$OUT"
dotnet "$DLL" programme --db sqlite --runs "$RUNS" --warmup "$WARMUP" --results "$PWD/$OUT" >/dev/null
if [ -n "${LEERRIJK_BENCH_PG:-}" ]; then
  echo >> "$OUT"
  dotnet "$DLL" programme --db postgres --pg "$LEERRIJK_BENCH_PG" --runs "$RUNS" --warmup "$WARMUP" --results "$PWD/$OUT" >/dev/null
fi
cat "$OUT"
