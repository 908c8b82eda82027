using Engagement.LoadTests.Progress;

namespace Engagement.LoadTests.Measurement;

/// <summary>How hard and how long to push.</summary>
/// <param name="Rate">Aggregate messages per second over all senders, open loop; 0 = as fast as acknowledgements allow.</param>
/// <param name="Window">With Rate 0: messages in flight per connection (closed loop, bounded window).</param>
/// <param name="MaxInFlight">With Rate &gt; 0: a connection with this many unacknowledged messages skips its turn (counted as shed).</param>
/// <param name="MessageSize">Characters of text per message.</param>
/// <param name="Drain">After the window closes, how long to wait for outstanding acknowledgements and deliveries.</param>
/// <param name="ServerPids">Server processes (with their children) whose CPU counts as the benchmark's own in the CPU report.</param>
/// <param name="ReportFile">Where to write the report (JSON, with HTML and the HdrHistogram log beside it), if anywhere.</param>
/// <param name="Schedule">With a rate: the rate over time (ramp, steady, spike) instead of a constant one.</param>
/// <param name="TimelineFile">Where to write the per-second timeline as CSV (<see cref="SecondTimeline"/>), if anywhere.</param>
internal sealed record LoadProfile(
    double Rate,
    TimeSpan Warmup,
    TimeSpan Duration,
    int Window,
    int MaxInFlight,
    int MessageSize,
    TimeSpan Drain,
    IReadOnlyList<int> ServerPids,
    string? TimelineFile = null,
    string? ReportFile = null,
    ProgressMode Progress = ProgressMode.Off,
    RateSchedule? Schedule = null)
{
    public string Describe() =>
        Schedule is { } s ? $"rate profile {s} open loop" : Rate > 0 ? $"{Rate:0} msg/s open loop" : $"max throughput, window {Window} per connection";
}
