#!/usr/bin/env bash
# Runs Leerrijk on SQLite with demo data at http://127.0.0.1:5000 (PORT=... to change).
# Needs only the .NET 10 SDK: the database is a file under data/, mail goes to data/mail-outbox/.
set -euo pipefail
cd "$(dirname "$0")/.."
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ConnectionStrings__Sqlite="${ConnectionStrings__Sqlite:-Data Source=$PWD/data/leerrijk.db}"
export Mail__PickupDirectory="${Mail__PickupDirectory:-$PWD/data/mail-outbox}"

# The build is visible: on a fresh machine restoring and compiling takes minutes, and a silent terminal looks stuck.
# A build that is up to date takes seconds; the app then starts without building again.
echo "Building Leerrijk (the first time takes a few minutes)…"
dotnet build src/Leerrijk.Web -nologo
echo "Starting Leerrijk on http://127.0.0.1:${PORT:-5000} …"
exec dotnet run --project src/Leerrijk.Web --no-build --no-launch-profile --urls "http://127.0.0.1:${PORT:-5000}"
