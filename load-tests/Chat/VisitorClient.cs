using Engagement.LoadTests.Hubs;
using Engagement.LoadTests.Measurement;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.LoadTests.Chat;

/// <summary>
/// One website visitor: starts a session in the queue, then sends load messages; each send completes on the
/// durable acknowledgement. The highest acknowledged seq is what the agent must have received by the end.
/// </summary>
internal sealed class VisitorClient(Uri hubUrl, string token, LoadMetrics metrics) : ILoadSender, IAsyncDisposable
{
    private readonly HubConnection _connection = HubConnections.Create(new Uri(hubUrl, "?page=%2Fload-test"), token);
    private long _highestAcked;
    private volatile bool _disposing;

    public string SessionId { get; private set; } = "";

    public long HighestAckedSeq => Interlocked.Read(ref _highestAcked);

    public async Task StartSessionAsync(string queueId, CancellationToken cancellationToken)
    {
        _connection.Closed += error => _disposing ? Task.CompletedTask : metrics.OnConnectionLost(error);
        await _connection.StartAsync(cancellationToken);
        var join = await _connection.InvokeAsync<JoinResultDto>("StartSession", new { queueId, topic = "load test" }, cancellationToken);
        SessionId = join.Session.SessionId;
    }

    public async Task SendAsync(long seq, string text)
    {
        // A client message id per message, as the widget sends it (makes a resend idempotent).
        var ack = await _connection.InvokeAsync<MessageAckDto>("SendMessage", SessionId, $"m{seq}", text).ConfigureAwait(false);
        Atomic.Max(ref _highestAcked, ack.Seq);
    }

    public ValueTask DisposeAsync()
    {
        _disposing = true;
        return _connection.DisposeAsync();
    }
}
