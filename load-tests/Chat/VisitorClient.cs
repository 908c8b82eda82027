using Engagement.Client;
using Engagement.LoadTests.Measurement;

namespace Engagement.LoadTests.Chat;

/// <summary>
/// One website visitor on the project's .NET client: starts a session in the queue, then sends load messages;
/// each send completes on the durable acknowledgement (retried with the same client message id after a
/// failover). The highest acknowledged seq is what the agent must have received by the end.
/// </summary>
internal sealed class VisitorClient : ILoadSender, IAsyncDisposable
{
    private readonly EngagementConnection _connection;
    private long _highestAcked;

    public VisitorClient(IReadOnlyList<Uri> hubUrls, string token, LoadMetrics metrics, Action<Exception>? retrying = null)
    {
        _connection = new EngagementConnection(new EngagementConnectionOptions(
            hubUrls.Select(u => new Uri(u, "?page=%2Fload-test")).ToList(), () => Task.FromResult<string?>(token)) { Retrying = retrying });
        _connection.Dropped = error => metrics.OnConnectionLost(error);
    }

    public string SessionId { get; private set; } = "";

    public long HighestAckedSeq => Interlocked.Read(ref _highestAcked);

    public EngagementConnection Connection => _connection;

    public async Task StartSessionAsync(string queueId, CancellationToken cancellationToken)
    {
        await _connection.StartAsync(cancellationToken);
        var join = await _connection.StartSessionAsync(new { queueId, topic = "load test", requestId = Guid.NewGuid().ToString("N") }, cancellationToken);
        SessionId = join.Session.SessionId;
    }

    public async Task SendAsync(long seq, string text)
    {
        // A client message id per message, as the widget sends it (makes a resend idempotent).
        var ack = await _connection.SendMessageAsync(SessionId, text, $"m{seq}").ConfigureAwait(false);
        Atomic.Max(ref _highestAcked, ack.Seq);
    }

    /// <summary>Sends one stamped load message (a fresh client message id, kept through retries); returns its seq.</summary>
    public async Task<long> SendStampedAsync(long sentTicks, int size)
    {
        var number = Interlocked.Increment(ref _sent);
        var ack = await _connection.SendMessageAsync(SessionId, MessageStamp.Format(number, sentTicks, size), $"m{number}").ConfigureAwait(false);
        Atomic.Max(ref _highestAcked, ack.Seq);
        return ack.Seq;
    }

    private long _sent;

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
