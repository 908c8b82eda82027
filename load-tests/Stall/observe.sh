#!/bin/bash
# usage: load-tests/Stall/observe.sh NAME chat|relay [bench options...]
# Runs ./engage bench with the load tool's per-second timeline and, for chat, dotnet-counters on the silo
# (dotnet tool install --global dotnet-counters) and a 5 Hz sample of PostgreSQL's wait events; STRACE=1 also times
# every fsync of PostgreSQL with strace. Everything lands in .engage/stall/NAME/; join.py and attribute.py read it.
# PostgreSQL should be running (./engage pg start) with log_checkpoints, log_autovacuum_min_duration = 0,
# log_lock_waits and log_min_duration_statement set (ALTER SYSTEM), and the silo's pause and slow-batch logs turned
# down (Engagement__Diagnostics__PauseLogThresholdMs=20 Engagement__Transcript__SlowFlushLogThresholdMs=30).
# docs/benchmarks.md, "The stall on the durable chat path".
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"; cd "$ROOT"
export PATH="$PATH:$HOME/.dotnet/tools"
PG_PORT="${ENGAGE_PG_PORT:-$(cat .engage/pg-port)}"
psql_bench() { PGPASSWORD="$(cat .engage/pg-password)" /usr/lib/postgresql/15/bin/psql -X -h 127.0.0.1 -p "$PG_PORT" -U postgres -d engagement_bench "$@"; }
name=$1; shift
out=.engage/stall/$name; mkdir -p $out
kind=$1
{ date -u +%FT%T; uptime; } > $out/load-before.txt

pglog_start=$(wc -l < .engage/pg/server.log)
./engage bench "$@" --timeline $PWD/$out/timeline.csv > $out/bench.out 2>&1 &
bench=$!
if [ "$kind" = chat ]; then
  pid=""
  for i in $(seq 1 600); do
    pid=$(pgrep -f "^dotnet $ROOT/.engage/silo/Engagement.Silo.dll" | head -1)
    [ -n "$pid" ] && break; sleep 0.5
  done
  echo "silo pid $pid" >> $out/load-before.txt
  dotnet-counters collect -p $pid --refresh-interval 1 --format csv -o $out/counters.csv \
    --counters System.Runtime,Engagement.Transcript,Engagement.Realtime > $out/counters.log 2>&1 &
  counters=$!
  ( while kill -0 $bench 2>/dev/null; do
      psql_bench -At -F, -c "select to_char(clock_timestamp() at time zone 'UTC','HH24:MI:SS.MS'), wait_event_type, wait_event, count(*) from pg_stat_activity where datname='engagement_bench' and state='active' and pid<>pg_backend_pid() group by 2,3" 2>/dev/null
      sleep 0.2
    done ) > $out/pg-waits.csv &
  sampler=$!
  if [ -n "${STRACE:-}" ]; then
    pm=$(head -1 .engage/pg/data/postmaster.pid)
    args=(-p $pm); for c in $(pgrep -P $pm); do args+=(-p $c); done
    strace -f --seccomp-bpf -tt -T -e trace=fdatasync,fsync -o $out/pg-fsync.strace "${args[@]}" 2>$out/strace.err &
    stracer=$!
  fi
fi
wait $bench; rc=$?
[ "$kind" = chat ] && { kill $counters $sampler ${stracer:-} 2>/dev/null; }
{ date -u +%FT%T; uptime; echo rc=$rc; } > $out/load-after.txt
tail -n +$((pglog_start+1)) .engage/pg/server.log > $out/pg.log
cp .engage/bench/silo.log $out/ 2>/dev/null
echo done $name rc=$rc
