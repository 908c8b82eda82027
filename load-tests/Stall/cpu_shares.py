"""Sorts `perf script` samples of a .NET process into CPU shares (docs/benchmarks.md, "Where the time goes").

Each sample goes to one bucket: the system call on its stack (futex = threads waking and sleeping, sched_yield =
spinning, epoll_wait, sendto/recvfrom = socket I/O), other kernel time, the runtime (GC and the rest of coreclr),
or managed code by assembly (the first frame outside the core library, so a List<T> call made by Npgsql counts
as Npgsql). JIT-compiled frames need the runtime's perf map (DOTNET_PerfMapEnabled=1, DOTNET_EnableWriteXorExecute=0).
Reads perf script output on stdin; prints shares, largest first.
"""
import collections
import re
import sys

CORE = {"System.Private.CoreLib", "System.Runtime"}


def bucket(frames):
    for frame in frames:
        syscall = re.search(r"__x64_sys_(\w+)", frame)
        if syscall:
            return "kernel: " + syscall.group(1)
    leaf = frames[0]
    if "kallsyms" in leaf:
        return "kernel: interrupts and other"
    if "libcoreclr" in leaf:
        gc = any(re.search(r"gc_heap|GCHeap|SVR::|WKS::", f) for f in frames)
        return "runtime: GC" if gc else "runtime: other"
    assemblies = [m.group(1) for f in frames for m in [re.search(r"\[([A-Za-z0-9_.]+)\] [^\[]*::", f)] if m]
    if assemblies:
        outside = next((a for a in assemblies if a not in CORE), assemblies[0])
        return "managed: " + outside
    if "perf-" in leaf and ".map" in leaf:
        return "managed: stubs and unresolved"
    library = re.search(r"\(([^)]+)\)\s*$", leaf)
    return "native: " + (library.group(1).rsplit("/", 1)[-1] if library else "unknown")


def main():
    shares = collections.Counter()
    frames = []
    for line in sys.stdin:
        if not line.strip():
            if frames:
                shares[bucket(frames)] += 1
            frames = []
        elif line[0] in " \t":
            frames.append(line.strip())
        else:
            frames = []
    if frames:
        shares[bucket(frames)] += 1
    total = sum(shares.values()) or 1
    for name, count in shares.most_common():
        print(f"{100 * count / total:6.2f} %  {name}")
    print(f"{total} samples")


if __name__ == "__main__":
    main()
