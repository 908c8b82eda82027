using System.Runtime.InteropServices;

namespace Engagement.Media.Transport;

/// <summary>
/// Raises the calling thread (the packet thread, a fan-out helper) above ordinary threads, so a busy node's
/// other work (grains, builds, the peers' own receive threads woken by our sends) does not keep a packet
/// waiting for a core: on Linux, SCHED_FIFO at a low real-time priority when the process may (root or
/// CAP_SYS_NICE, or RLIMIT_RTPRIO), else nice −10 when RLIMIT_NICE allows, else unchanged. These threads
/// block in a receive or on an event between packets and use a small share of a core; the kernel's
/// real-time throttling (sched_rt_runtime_us) still leaves ordinary threads 5 % of every second.
/// </summary>
internal static partial class PacketThreadScheduling
{
    private const int SchedFifo = 1;
    private const int PrioProcess = 0;
    private const int FallbackNice = -10;

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedParam
    {
        public int Priority;
    }

    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int SchedSetScheduler(int pid, int policy, ref SchedParam param);

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, uint who, int priority);

    /// <summary>Applies to the calling thread; returns what it got, for logs and benchmark reports.</summary>
    /// <param name="realtimePriority">SCHED_FIFO priority (1–99); 0 leaves the thread as it is.</param>
    public static string Raise(int realtimePriority)
    {
        if (realtimePriority <= 0) return "normal (not asked)";
        if (!OperatingSystem.IsLinux()) return "normal (not Linux)";
        try
        {
            var param = new SchedParam { Priority = Math.Min(realtimePriority, 99) };
            if (SchedSetScheduler(0, SchedFifo, ref param) == 0) return $"SCHED_FIFO {param.Priority}";
            var fifoError = Marshal.GetLastPInvokeError();
            if (SetPriority(PrioProcess, 0, FallbackNice) == 0) return $"nice {FallbackNice} (SCHED_FIFO refused, errno {fifoError})";
            return $"normal (SCHED_FIFO refused, errno {fifoError}; nice refused, errno {Marshal.GetLastPInvokeError()})";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return $"normal ({e.GetType().Name})";
        }
    }
}
