#!/bin/bash
# usage: load-tests/Stall/hops.sh NAME [bench chat options...]   (e.g. --only rate --rate 1000 --duration 40 --warmup 15)
# Where a chat message's time and CPU go (docs/benchmarks.md, "Where the time goes"): runs ./engage bench chat and,
# once its measured window has begun, collects the silo's per-hop histograms and allocation rate with dotnet-counters
# (meters Engagement.Realtime, Engagement.Chat, Engagement.Transcript, System.Runtime) for COLLECT seconds (20).
# PERF=1 also samples the silo's CPU with perf for the same seconds (JIT symbols from the runtime's perf map) and
# sorts the samples into shares by syscall and assembly (cpu_shares.py). hops.py prints the breakdown.
# Output in .engage/hops/NAME/. Needs dotnet-counters (dotnet tool install --global dotnet-counters) and, for PERF=1, perf.
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"; cd "$ROOT"
export PATH="$PATH:$HOME/.dotnet/tools"
source load-tests/Stall/window.sh
name=$1; shift
out=.engage/hops/$name; mkdir -p "$out"
collect=${COLLECT:-20}
uptime > "$out/load-before.txt"
perf_env=(); [ -n "${PERF:-}" ] && perf_env=(DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0)
env "${perf_env[@]}" ./engage bench chat "$@" > "$out/bench.out" 2>&1 &
bench=$!
silo_in_window "$out" $bench
silo_counters "$out" "$collect" &
counters=$!
if [ -n "${PERF:-}" ]; then
  perf record -F 499 -g -p "$pid" -o "$out/perf.data" -- sleep "$collect" > "$out/perf.log" 2>&1
  perf script -i "$out/perf.data" 2>/dev/null | python3 load-tests/Stall/cpu_shares.py > "$out/cpu-shares.txt"
fi
wait $counters
wait $bench
uptime > "$out/load-after.txt"
grep -E "cores in|^\| 20" "$out/bench.out" | tail -2
python3 load-tests/Stall/hops.py "$out"
[ -f "$out/cpu-shares.txt" ] && head -25 "$out/cpu-shares.txt"
