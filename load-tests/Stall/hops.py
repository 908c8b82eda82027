"""Prints the per-hop breakdown of a chat message from hops.sh's dotnet-counters CSV (docs/benchmarks.md,
"Where the time goes"): for each hop the median over the collected seconds of its per-second p50, p95 and p99,
then what one message costs the silo (CPU, bytes allocated, thread-pool work items, lock contentions) from the
per-second rates divided by the messages committed in the same seconds.

usage: python3 load-tests/Stall/hops.py .engage/hops/NAME
"""
import collections
import csv
import statistics
import sys

# Outermost first; each hop's time includes those indented under it.
HOPS = [
    ("engagement.realtime.send_message", "hub: SendMessage start -> durable ack in hand"),
    ("engagement.chat.append_queue", "  grain: behind the session's previous message"),
    ("engagement.chat.store", "  grain: handed to the store -> resumed with it durable"),
    ("engagement.transcript.queue_wait", "    store: queued -> its batch starts"),
    ("engagement.transcript.flush_duration", "    store: batch write + commit"),
    ("engagement.chat.deliver", "  grain: push to listeners (up to the SignalR write)"),
]
PER_MESSAGE = [
    ("dotnet.process.cpu.time", 1e6, "CPU µs"),
    ("dotnet.gc.heap.total_allocated", 1 / 1024, "KiB allocated"),
    ("dotnet.thread_pool.work_item.count", 1, "thread-pool work items"),
    ("dotnet.monitor.lock_contentions", 1, "lock contentions"),
]


def main(folder):
    series = collections.defaultdict(lambda: collections.defaultdict(float))
    with open(f"{folder}/counters.csv", newline="") as f:
        for row in csv.DictReader(f):
            name = row["Counter Name"]
            value = float(row["Mean/Increment"] or 0)
            base = name.split(" ")[0].split("[")[0]
            pct = name.split("Percentile=")[1].rstrip("]") if "Percentile=" in name else None
            key = (base, pct)
            series[key][row["Timestamp"]] += value  # cpu.time comes as user + system: summed per second
    print(f"{'hop':58} {'p50':>8} {'p95':>8} {'p99':>8}  (ms, median of per-second values)")
    for metric, label in HOPS:
        values = [statistics.median(series[(metric, p)].values()) if series[(metric, p)] else float("nan") for p in ("50", "95", "99")]
        print(f"{label:58} {values[0]:8.2f} {values[1]:8.2f} {values[2]:8.2f}")
    appends = series[("engagement.transcript.appends", None)]
    seconds = [t for t, n in appends.items() if n > 0]
    messages = sum(appends[t] for t in seconds)
    if not messages:
        print("no messages committed while collecting")
        return
    print(f"\nper message ({messages:.0f} committed in {len(seconds)} s):")
    for metric, scale, label in PER_MESSAGE:
        total = sum(series[(metric, None)].get(t, 0) for t in seconds)
        print(f"  {total / messages * scale:10.1f}  {label}")
    batches = statistics.median(series[("engagement.transcript.batch_size", "50")].values())
    print(f"  batch size p50 {batches:.0f}")


if __name__ == "__main__":
    main(sys.argv[1])
