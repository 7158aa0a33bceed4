#!/usr/bin/env bash
# RPO and RTO for a PostgreSQL database holding 1,000,000 responses (issue #20, D8): a throwaway durable cluster
# (fsync and synchronous_commit on), Leerrijk's schema and demo data from one start of the app, then N responses
# copied from the demo response with the most answers, with SQL (each with all its answers), then timed: pg_dump -Fc, and a restore into a
# fresh database followed by the app starting on it and answering /health/ready (the RTO). Prints Markdown.
# Everything started is stopped and the data under /tmp is removed.
#
# Usage: bench/backup.sh            (about 15 minutes on 2 cores)
#        RESPONSES=100000 bench/backup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RESPONSES=${RESPONSES:-1000000}
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
WORK=$(mktemp -d /tmp/leerrijk-backup.XXXXXX); chown postgres "$WORK"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
APP_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
PSQL=("$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qtA)
now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.1f}')"; }

runuser -u postgres -- "$PG_BIN/initdb" -D "$WORK/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/data" -l "$WORK/pg.log" -w -o "-p $PORT -k $WORK -c listen_addresses=127.0.0.1 -c max_wal_size=4GB" start >/dev/null
"${PSQL[@]}" -d postgres -c "CREATE DATABASE leerrijk"

dotnet build src/Leerrijk.Web -c Release -v quiet -nologo >/dev/null
start_app() { # $1 database
  (cd src/Leerrijk.Web && ASPNETCORE_ENVIRONMENT=Production App__PublicBaseUrl="http://127.0.0.1:$APP_PORT" Demo__Seed=true \
    ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=$1" Mail__PickupDirectory="$WORK/mail" \
    Logging__LogLevel__Default=Warning exec dotnet bin/Release/net10.0/Leerrijk.Web.dll --urls "http://127.0.0.1:$APP_PORT" >>"$WORK/app.log" 2>&1) &
  APP_PID=$!
  for _ in $(seq 1 1200); do curl -fs "http://127.0.0.1:$APP_PORT/health/ready" >/dev/null 2>&1 && return; sleep 0.1; done
  echo "app did not become ready" >&2; tail -20 "$WORK/app.log" >&2; exit 1
}
stop_app() { kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; }

start_app leerrijk; stop_app
t0=$(now)
"${PSQL[@]}" -d leerrijk <<SQL
CREATE TEMP TABLE template AS
  SELECT r.* FROM "Responses" r ORDER BY (SELECT COUNT(*) FROM "ResponseAnswer" a WHERE a."ResponseId" = r."Id") DESC LIMIT 1;
CREATE TEMP TABLE new_ids AS SELECT gen_random_uuid() AS id FROM generate_series(1, $RESPONSES);
INSERT INTO "Responses" ("Id", "RoundId", "OrganisationId", "Role", "Department", "YearsEmployed", "Language", "SubmittedOn", "Folded", "ContentHash")
  SELECT n.id, t."RoundId", t."OrganisationId", t."Role", t."Department", t."YearsEmployed", t."Language", t."SubmittedOn", true, t."ContentHash"
  FROM new_ids n CROSS JOIN template t;
INSERT INTO "ResponseAnswer" ("ResponseId", "InstrumentId", "ItemId", "OrganisationId", "Value")
  SELECT n.id, a."InstrumentId", a."ItemId", a."OrganisationId", a."Value"
  FROM new_ids n CROSS JOIN (SELECT a.* FROM "ResponseAnswer" a JOIN template t ON t."Id" = a."ResponseId") a;
SQL
t1=$(now)
responses=$("${PSQL[@]}" -d leerrijk -c 'SELECT COUNT(*) FROM "Responses"')
answers=$("${PSQL[@]}" -d leerrijk -c 'SELECT COUNT(*) FROM "ResponseAnswer"')
dbsize=$("${PSQL[@]}" -d leerrijk -c "SELECT pg_size_pretty(pg_database_size('leerrijk'))")

d0=$(now); "$PG_BIN/pg_dump" -h 127.0.0.1 -p "$PORT" -U postgres -Fc -f "$WORK/leerrijk.dump" leerrijk; d1=$(now)
r0=$(now)
"${PSQL[@]}" -d postgres -c "CREATE DATABASE restored"
"$PG_BIN/pg_restore" -h 127.0.0.1 -p "$PORT" -U postgres --no-owner --exit-on-error -j 2 -d restored "$WORK/leerrijk.dump"
r1=$(now)
start_app restored; r2=$(now); stop_app
restored=$("${PSQL[@]}" -d restored -c 'SELECT COUNT(*) FROM "Responses"')

cat <<MD
### Backup and restore of $responses responses, $(date -u '+%Y-%m-%d %H:%M') UTC, commit $(git rev-parse --short HEAD)

Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo), $("$PG_BIN/postgres" --version). Command: \`RESPONSES=$RESPONSES bench/backup.sh\`.

| figure | value |
|---|---|
| responses / answer rows | $responses / $answers |
| database size | $dbsize |
| generating them with SQL took | $(secs "$t0" "$t1") s |
| \`pg_dump -Fc\` took, file size | $(secs "$d0" "$d1") s, $(du -h "$WORK/leerrijk.dump" | cut -f1) |
| \`pg_restore -j 2\` into a fresh database took | $(secs "$r0" "$r1") s |
| the app on the restored database ready after | $(secs "$r1" "$r2") s |
| **RTO (restore + start)** | **$(secs "$r0" "$r2") s** |
| responses in the restored database | $restored |
MD
