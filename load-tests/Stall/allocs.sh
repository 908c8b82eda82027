#!/bin/bash
# usage: load-tests/Stall/allocs.sh NAME [bench chat options...]   (default: --only rate --rate 1000 --duration 40 --warmup 15)
# What one chat message allocates in the silo, by type and by the line of ours that allocated it (docs/benchmarks.md,
# "Where the time goes", "Allocations per message"): runs ./engage bench chat and, once its measured window has
# begun, collects for COLLECT seconds (20) side by side
#   - dotnet-trace with the runtime's GC keyword at verbose level: one GCAllocationTick (type, stack) per ~100 KB;
#   - dotnet-counters as hops.sh does: bytes allocated and messages committed per second (the cross-check).
# alloc-ticks.cs groups the ticks and divides by the messages; hops.py prints the counters' bytes per message.
# Output in .engage/allocs/NAME/. Needs dotnet-trace and dotnet-counters (dotnet tool install --global ...).
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"; cd "$ROOT"
export PATH="$PATH:$HOME/.dotnet/tools"
source load-tests/Stall/window.sh
name=$1; shift
[ $# -gt 0 ] || set -- --only rate --rate 1000 --duration 40 --warmup 15
out=.engage/allocs/$name; mkdir -p "$out"
collect=${COLLECT:-20}
# Built before the bench starts, so that the build does not share the measured window.
dotnet build -c Release load-tests/Stall/alloc-ticks.cs > "$out/parser-build.log" 2>&1 || { echo "parser build failed; see $out/parser-build.log"; exit 1; }
{ date -u +%FT%TZ; uptime; } > "$out/load-before.txt"
./engage bench chat "$@" > "$out/bench.out" 2>&1 &
bench=$!
silo_in_window "$out" $bench
silo_counters "$out" "$collect" &
counters=$!
timeout $((collect + 60)) dotnet-trace collect -p "$pid" --providers Microsoft-Windows-DotNETRuntime:0x1:5 --duration "00:00:00:$(printf %02d "$collect")" \
  -o "$out/trace.nettrace" > "$out/trace.log" 2>&1 < /dev/null
wait $counters
wait $bench
{ date -u +%FT%TZ; uptime; } > "$out/load-after.txt"
grep -E "cores in|^\| 20" "$out/bench.out" | tail -2
python3 load-tests/Stall/hops.py "$out" | tee "$out/hops.txt" | grep -A5 "^per message"
dotnet run -c Release --no-build load-tests/Stall/alloc-ticks.cs -- "$out/trace.nettrace" "$out/counters.csv" "${TOP:-25}" > "$out/allocs.txt" 2>&1
head -40 "$out/allocs.txt"
echo "full breakdown: $out/allocs.txt"
