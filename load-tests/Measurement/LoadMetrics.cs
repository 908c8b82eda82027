using System.Collections.Concurrent;
using System.Diagnostics;

namespace Engagement.LoadTests.Measurement;

/// <summary>
/// Everything a run counts, shared by the senders and receivers of one process. Latencies are recorded only
/// for messages sent inside the measured window; throughput is what was delivered during the window.
/// </summary>
internal sealed class LoadMetrics(RunClock clock)
{
    private const int ErrorSamplesKept = 5;
    private long _sent, _sentInWindow, _acked, _ackedInWindow, _received, _deliveredInWindow, _receivedDuringWindow;
    private long _errors, _shed, _connectionsLost;
    private readonly ConcurrentQueue<string> _errorSamples = new();

    public RunClock Clock => clock;

    /// <summary>Receive time minus send time, for messages sent in the window.</summary>
    public LatencyHistogram Delivery { get; } = new();

    /// <summary>Send time to the server's acknowledgement, for messages sent in the window.</summary>
    public LatencyHistogram Ack { get; } = new();

    /// <summary>The same figures second by second, warm-up and drain included (<c>--timeline</c>).</summary>
    public SecondTimeline Timeline { get; } = new();

    /// <summary>How late the open-loop pacer sent each message compared with its schedule.</summary>
    public LatencyHistogram PacerLag { get; } = new();

    /// <summary>How the machine's cores were shared during the window (set when the window closes).</summary>
    public CpuShare? WindowCpu { get; set; }

    public long Sent => Interlocked.Read(ref _sent);
    public long SentInWindow => Interlocked.Read(ref _sentInWindow);
    public long Acked => Interlocked.Read(ref _acked);
    public long AckedInWindow => Interlocked.Read(ref _ackedInWindow);
    public long Received => Interlocked.Read(ref _received);
    public long DeliveredInWindow => Interlocked.Read(ref _deliveredInWindow);
    public long ReceivedDuringWindow => Interlocked.Read(ref _receivedDuringWindow);
    public long Errors => Interlocked.Read(ref _errors);
    public long Shed => Interlocked.Read(ref _shed);
    public long ConnectionsLost => Interlocked.Read(ref _connectionsLost);

    /// <summary>When and why the first connection closed during the run.</summary>
    public string? FirstConnectionLoss { get; private set; }
    public IReadOnlyCollection<string> ErrorSamples => _errorSamples;

    public void OnSent(long sentTicks)
    {
        Interlocked.Increment(ref _sent);
        Timeline.OnSent(sentTicks);
        if (clock.InWindow(sentTicks)) Interlocked.Increment(ref _sentInWindow);
    }

    public void OnAcked(long sentTicks)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _acked);
        Timeline.OnAcked(sentTicks, now - sentTicks);
        if (!clock.InWindow(sentTicks)) return;
        Interlocked.Increment(ref _ackedInWindow);
        Ack.Record(now - sentTicks);
    }

    public void OnDelivered(long sentTicks)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _received);
        Timeline.OnDelivered(sentTicks, now);
        if (clock.InWindow(now)) Interlocked.Increment(ref _receivedDuringWindow);
        if (!clock.InWindow(sentTicks)) return;
        Interlocked.Increment(ref _deliveredInWindow);
        Delivery.Record(now - sentTicks);
    }

    /// <summary>The pacer could not send because the connection already had its maximum in flight.</summary>
    public void OnShed() => Interlocked.Increment(ref _shed);

    /// <summary>A client connection closed while the run was going (not at clean-up).</summary>
    public Task OnConnectionLost(Exception? error)
    {
        if (Interlocked.Increment(ref _connectionsLost) == 1)
            FirstConnectionLoss = $"{Stopwatch.GetElapsedTime(clock.Start).TotalSeconds:0.0} s into the run: " +
                                  (error is null ? "closed by the server" : $"{error.GetType().Name}: {error.GetBaseException().Message}");
        return Task.CompletedTask;
    }

    public void OnError(Exception error)
    {
        Interlocked.Increment(ref _errors);
        Timeline.OnError(Stopwatch.GetTimestamp());
        if (_errorSamples.Count < ErrorSamplesKept) _errorSamples.Enqueue(error.GetBaseException().Message);
    }
}
