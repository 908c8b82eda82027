# Sourced by hops.sh and allocs.sh: the measured window of a running `./engage bench chat` and the silo's counters in it.

# silo_in_window OUT BENCH_PID: sets `pid` to the bench's silo once the bench's open-loop run has begun, then
# sleeps past its warm-up (the bench prints the warm-up's length in the "open loop" line). Exits when none is found.
silo_in_window() {
  local out=$1 bench=$2
  pid=""
  for _ in $(seq 1 600); do
    pid=$(pgrep -n -f "^dotnet $ROOT/.engage/silo/Engagement.Silo.dll")
    [ -n "$pid" ] && grep -q "open loop" "$out/bench.out" && break
    kill -0 "$bench" 2>/dev/null || break
    sleep 0.5
  done
  [ -n "$pid" ] || { echo "no silo found; see $out/bench.out"; exit 1; }
  local warmup
  warmup=$(grep -o "for [0-9]* s warm-up" "$out/bench.out" | grep -o "[0-9]*" | head -1)
  sleep "${warmup:-10}"
}

# silo_counters OUT SECONDS: the silo's per-hop meters and runtime counters for SECONDS into OUT/counters.csv
# (read by hops.py); runs in the foreground, so start it with & to collect beside something else.
silo_counters() {
  local out=$1 seconds=$2
  timeout $((seconds + 30)) dotnet-counters collect -p "$pid" --refresh-interval 1 --maxHistograms 30 --format csv -o "$out/counters.csv" \
    --duration "00:00:$(printf %02d "$seconds")" \
    --counters System.Runtime,Engagement.Realtime,Engagement.Chat,Engagement.Transcript > "$out/counters.log" 2>&1
}
