#!/usr/bin/env bash
# The intake load run of docs/benchmarks.md ("Batched reads"), end to end on one machine:
# a throw-away PostgreSQL cluster on a free port, the Release web server on the demo data, 40 s of warm-up load,
# then the measured run. Everything runs on loopback and is removed afterwards (unless KEEP=1).
#
#   bash bench/intake-load.sh [workers=48] [seconds=60]
#
# Needs the .NET 10 SDK and Debian's postgresql package. As root, the cluster runs as the postgres user.
set -euo pipefail

workers=${1:-48}
seconds=${2:-60}
repo=$(cd "$(dirname "$0")/.." && pwd)
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
work=$(mktemp -d /tmp/fengqiao-intake.XXXXXX)
chmod 755 "$work"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pgport=$(free_port)
webport=$(free_port)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ]; then chown postgres "$work"; fi

cleanup() {
    [ -n "${web:-}" ] && kill "$web" 2>/dev/null || true
    as_pg "$pgbin/pg_ctl" -D "$work/data" -m fast stop >/dev/null 2>&1 || true
    [ "${KEEP:-0}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT

echo "== PostgreSQL on 127.0.0.1:$pgport (default durability: fsync and synchronous_commit on)"
as_pg "$pgbin/initdb" -D "$work/data" -U postgres -A trust -E UTF8 >/dev/null
as_pg "$pgbin/pg_ctl" -D "$work/data" -l "$work/postgres.log" -w \
    -o "-p $pgport -k $work -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c max_connections=300" start >/dev/null
"$pgbin/createdb" -h 127.0.0.1 -p "$pgport" -U postgres fq_intake
connection="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=fq_intake"

echo "== Release build"
dotnet build -c Release "$repo/src/Fengqiao.Web" -v q -nologo >/dev/null
dotnet build -c Release "$repo/bench/Fengqiao.Bench.Cases" -v q -nologo >/dev/null

echo "== web server on 127.0.0.1:$webport (migrates and seeds the demo)"
bin="$repo/src/Fengqiao.Web/bin/Release/net10.0"
Database__Provider=Postgres \
Database__ConnectionString="$connection;Maximum Pool Size=100;No Reset On Close=true;Max Auto Prepare=32;Auto Prepare Min Usages=2" \
Database__MigrateOnStart=true Demo__SeedOnStart=true ASPNETCORE_ENVIRONMENT=Production \
    dotnet "$bin/Fengqiao.Web.dll" --contentRoot "$bin" --urls "http://127.0.0.1:$webport" >"$work/web.log" 2>&1 &
web=$!
for _ in $(seq 1 180); do
    curl -fs -o /dev/null "http://127.0.0.1:$webport/health" && break
    sleep 1
done
curl -fs -o /dev/null "http://127.0.0.1:$webport/health" || { echo "the server did not start; see $work/web.log"; KEEP=1; exit 1; }

load() {
    dotnet "$repo/bench/Fengqiao.Bench.Cases/bin/Release/net10.0/Fengqiao.Bench.Cases.dll" intake \
        --base-url "http://127.0.0.1:$webport" --connection "$connection" \
        --server-pid "$web" --postgres-pid "$(head -1 "$work/data/postmaster.pid")" "$@"
}

echo "== warm-up: 40 s at 32 clients (not the result: the JIT settles, and a large database's index rebuild runs)"
load --workers 32 --seconds 40 --warmup 3000 | grep -E "throughput|verification"

echo "== measured: $seconds s at $workers clients"
load --workers "$workers" --seconds "$seconds" --warmup 100
