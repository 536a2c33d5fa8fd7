#!/usr/bin/env bash
# The outage drill of docs/operations.md, end to end on one machine: a throw-away PostgreSQL cluster (default
# durability), two Release web nodes on it, and a client registering cases on both without pause while the drill
#   1. kills PostgreSQL with SIGKILL and starts it again 15 s later (crash recovery),
#   2. kills node A, which holds the timer leases, with SIGKILL and starts it again 15 s later,
#   3. stops node B, which has taken them over, with SIGTERM (a graceful restart) and starts it again 15 s later.
# The client prints a per-second timeline (answers per node, who holds each timer lease, the events), retries every
# key once more, and checks that every acknowledged case is stored exactly once under its key. Exit status 0 when
# nothing was lost or duplicated and no request was answered 500. Everything is removed afterwards (unless KEEP=1).
#
#   bash bench/outage-drill.sh [workers=8]
#
# Needs the .NET 10 SDK and Debian's postgresql package. As root, the cluster runs as the postgres user.
set -euo pipefail

workers=${1:-8}
repo=$(cd "$(dirname "$0")/.." && pwd)
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
work=$(mktemp -d /tmp/fengqiao-drill.XXXXXX)
chmod 755 "$work"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pgport=$(free_port)
port_a=$(free_port)
port_b=$(free_port)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ]; then chown postgres "$work"; fi
event() { echo "$(date +%s%3N) $*" >>"$work/events"; echo "-- $(date +%T) $*"; }

cleanup() {
    [ -n "${node_a:-}" ] && kill "$node_a" 2>/dev/null || true
    [ -n "${node_b:-}" ] && kill "$node_b" 2>/dev/null || true
    as_pg "$pgbin/pg_ctl" -D "$work/data" -m fast stop >/dev/null 2>&1 || true
    [ "${KEEP:-0}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT

pg_start() {
    as_pg "$pgbin/pg_ctl" -D "$work/data" -l "$work/postgres.log" -w \
        -o "-p $pgport -k $work -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
}

echo "== PostgreSQL on 127.0.0.1:$pgport (default durability: fsync, synchronous_commit and full_page_writes on)"
as_pg "$pgbin/initdb" -D "$work/data" -U postgres -A trust -E UTF8 >/dev/null
pg_start
"$pgbin/createdb" -h 127.0.0.1 -p "$pgport" -U postgres fq_drill
connection="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=fq_drill"

echo "== Release build"
dotnet build -c Release "$repo/src/Fengqiao.Web" -v q -nologo >/dev/null
dotnet build -c Release "$repo/bench/Fengqiao.Bench.Cases" -v q -nologo >/dev/null
bin="$repo/src/Fengqiao.Web/bin/Release/net10.0"

# start_node <port> <migrate-and-seed> <log>: prints the pid
start_node() {
    Database__Provider=Postgres \
    Database__ConnectionString="$connection;Maximum Pool Size=50;No Reset On Close=true;Max Auto Prepare=32;Auto Prepare Min Usages=2" \
    Database__MigrateOnStart=$2 Demo__SeedOnStart=$2 ASPNETCORE_ENVIRONMENT=Production \
        dotnet "$bin/Fengqiao.Web.dll" --contentRoot "$bin" --urls "http://127.0.0.1:$1" >>"$3" 2>&1 &
    echo $!
}
wait_healthy() {
    for _ in $(seq 1 180); do
        curl -fs -o /dev/null "http://127.0.0.1:$1/health" && return 0
        sleep 1
    done
    echo "node on port $1 did not start; see $work"; KEEP=1; exit 1
}

echo "== node A on :$port_a (migrates and seeds the demo), then node B on :$port_b"
node_a=$(start_node "$port_a" true "$work/node-a.log")
wait_healthy "$port_a"
node_b=$(start_node "$port_b" false "$work/node-b.log")
wait_healthy "$port_b"

echo "== drill: $workers clients for 150 s"
dotnet "$repo/bench/Fengqiao.Bench.Cases/bin/Release/net10.0/Fengqiao.Bench.Cases.dll" drill \
    --base-urls "http://127.0.0.1:$port_a,http://127.0.0.1:$port_b" --connection "$connection" \
    --seconds 150 --workers "$workers" --events "$work/events" >"$work/drill.out" 2>&1 &
client=$!

sleep 20
event "PostgreSQL killed (SIGKILL to the postmaster)"
kill -9 "$(head -1 "$work/data/postmaster.pid")"
sleep 15
pg_start
event "PostgreSQL started again (crash recovery done)"
sleep 25
event "node A killed (SIGKILL; it held the timer leases)"
kill -9 "$node_a"
sleep 15
node_a=$(start_node "$port_a" false "$work/node-a.log")
event "node A starting again"
sleep 25
event "node B stopped (SIGTERM, graceful)"
kill -TERM "$node_b"
# Started inside $(...), so not this shell's child: watch for it to go.
while kill -0 "$node_b" 2>/dev/null; do sleep 0.2; done
event "node B exited"
sleep 15
node_b=$(start_node "$port_b" false "$work/node-b.log")
event "node B starting again"

status=0
wait "$client" || status=$?
cat "$work/drill.out"
echo "== server errors logged: node A $(grep -c '"LogLevel":"Error"\|fail:' "$work/node-a.log" || true), node B $(grep -c '"LogLevel":"Error"\|fail:' "$work/node-b.log" || true)"
exit $status
