#!/usr/bin/env bash
# The media benchmark: our SFU and Janus VideoRoom with the same streams, same machine, same run.
# Needs root (a private network namespace) and the janus package. Janus's libnice ignores loopback,
# so the namespace gets a veth pair whose address (192.0.2.1, TEST-NET-1) exists only inside it;
# nothing leaves the namespace. Usage: run-media-bench.sh [N list, e.g. 1,16,64,128] [seconds per point]
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
counts="${1:-1,16,64,128}"
seconds="${2:-10}"
out="${MEDIA_BENCH_OUT:-$root/.engage/bench/media.md}"; mkdir -p "$(dirname "$out")"
command -v janus >/dev/null || { echo "janus is not installed: apt-get install -y janus" >&2; exit 1; }
dotnet build -c Release "$root/tests/Engagement.Media.Tests/Engagement.Media.Tests.csproj" >/dev/null
unshare -n bash -c "
  set -e
  ip link set lo up
  ip link add mb0 type veth peer name mb1
  ip link set mb1 up
  ip addr add 192.0.2.1/32 dev mb0
  ip link set mb0 up
  MEDIA_BENCH=1 MEDIA_BENCH_N='$counts' MEDIA_BENCH_SECONDS='$seconds' MEDIA_BENCH_OUT='$out' \
  MEDIA_BENCH_JANUS_INTERFACE=mb0 MEDIA_BENCH_JANUS_ADDRESS=192.0.2.1 \
    dotnet test '$root/tests/Engagement.Media.Tests/Engagement.Media.Tests.csproj' -c Release --no-build \
      --filter 'FullyQualifiedName~MediaForwardingBenchmark' --logger 'console;verbosity=detailed'
"
echo "report: $out"
