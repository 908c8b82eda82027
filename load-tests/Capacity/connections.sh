#!/bin/bash
# usage: load-tests/Capacity/connections.sh [VISITORS (17950)] [WATCHERS (50)]
# Live connections on one node and the server memory each costs (issue 10, item 5; docs/benchmarks.md,
# "Connections per node"). Runs `./engage bench site-visitors` with VISITORS visitor connections, idle but for
# 10 page changes a second in total and SignalR's keep-alives, and WATCHERS agent connections watching the site,
# all on one silo, and samples the silo's resident memory once a second: before anyone connects, and through
# the measured minute with everyone connected. Prints both and the difference per connection. The silo and the
# load tool each need a file descriptor per connection; ./engage bench raises the limit as far as it may.
# Output in .engage/capacity/: bench.out and rss.csv (UTC, seconds, silo RSS in KiB, threads, phase).
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"; cd "$ROOT"
visitors=${1:-17950}; watchers=${2:-50}
out=.engage/capacity; mkdir -p "$out"
uptime > "$out/load-before.txt"
./engage bench site-visitors --visitors "$visitors" --watchers "$watchers" --rate 10 --duration 60 --warmup 5 > "$out/bench.out" 2>&1 &
bench=$!
echo "utc,second,rss_kib,threads,phase" > "$out/rss.csv"
start=$(date +%s)
while kill -0 $bench 2>/dev/null; do
  pid=$(pgrep -n -f "^dotnet $ROOT/.engage/silo/Engagement.Silo.dll")
  if [ -n "$pid" ] && [ -r /proc/$pid/status ]; then
    phase=setup
    grep -q "watchers connected" "$out/bench.out" && phase=connecting
    grep -q "visitors on the site" "$out/bench.out" && phase=connected
    grep -q "^site-visitors: .* measured" "$out/bench.out" && phase=done
    read -r rss threads < <(awk '/^VmRSS/{r=$2} /^Threads/{t=$2} END{print r, t}' /proc/$pid/status)
    echo "$(date -u +%T),$(( $(date +%s) - start )),$rss,$threads,$phase" >> "$out/rss.csv"
  fi
  sleep 1
done
wait $bench; rc=$?
uptime > "$out/load-after.txt"
grep -E "^site-visitors:|cores|missed|error" "$out/bench.out" | head -8
python3 - "$out/rss.csv" "$visitors" "$watchers" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
connections = int(sys.argv[2]) + int(sys.argv[3])
before = [int(r["rss_kib"]) for r in rows if r["phase"] == "setup"]
during = [int(r["rss_kib"]) for r in rows if r["phase"] == "connected"]
if not before or not during:
    sys.exit("no samples before or during the connected phase; see bench.out")
base, held = before[-1], statistics.median(during)
print(f"silo RSS: {base / 1024:.0f} MiB before anyone connected, {held / 1024:.0f} MiB (median) with {connections:,} connections,"
      f" max {max(during) / 1024:.0f} MiB: {(held - base) / connections:.1f} KiB per connection")
PY
exit $rc
