using System.Collections.Concurrent;
using Engagement.Client;
using Engagement.LoadTests.Measurement;

namespace Engagement.LoadTests.Chat;

/// <summary>
/// One agent workspace on the project's .NET client: goes available, accepts every offer it gets, and records
/// visitor → agent delivery latency for the visitors' load messages. The client keeps each session complete
/// and in order across reconnects, and counts what the server sent out of order or twice.
/// </summary>
internal sealed class AgentClient : IAsyncDisposable
{
    private readonly EngagementConnection _connection;
    private readonly ConcurrentDictionary<string, byte> _accepting = new(StringComparer.Ordinal);
    private readonly Action<string> _accepted;
    private long _acceptFailures;

    public AgentClient(
        IReadOnlyList<Uri> hubUrls, string token, LoadMetrics metrics, Action<string> accepted,
        Action<ChatMessage, bool, long>? delivered = null, Action<Exception>? retrying = null)
    {
        _accepted = accepted;
        _connection = new EngagementConnection(new EngagementConnectionOptions(hubUrls, () => Task.FromResult<string?>(token)) { Retrying = retrying });
        _connection.Dropped = error => metrics.OnConnectionLost(error);
        _connection.Delivered = (message, live) =>
        {
            if (message.SenderRole != "visitor" || message.Kind != "text" || !MessageStamp.TryParse(message.Text, out _, out var sentTicks)) return;
            metrics.OnDelivered(sentTicks);
            delivered?.Invoke(message, live, sentTicks);
        };
        _connection.On<SessionOfferDto>("offer", offer => Accept(offer.SessionId));
        _connection.On<AgentStatusDto>("agentStatus", status =>
        {
            foreach (var offer in status.PendingOffers) Accept(offer.SessionId);
        });
    }

    public EngagementConnection Connection => _connection;

    /// <summary>The sessions this agent accepted, as its client holds them.</summary>
    public IEnumerable<SessionTranscript> Sessions => _connection.Sessions;

    public long AcceptFailures => Interlocked.Read(ref _acceptFailures);

    public string? LastAcceptError { get; private set; }

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await _connection.StartAsync(cancellationToken);
        await _connection.InvokeAsync<AgentStatusDto>("SetStatus", ["available"], cancellationToken);
    }

    // Handlers run on the connection's receive loop: awaiting a hub call inside one would wait for a reply
    // that loop must read. So accept in the background.
    private void Accept(string sessionId)
    {
        if (_connection.Session(sessionId) is not null || !_accepting.TryAdd(sessionId, 0)) return;
        _ = AcceptAsync(sessionId);
    }

    private async Task AcceptAsync(string sessionId)
    {
        try
        {
            await _connection.AcceptOfferAsync(sessionId).ConfigureAwait(false);
            _accepted(sessionId);
        }
        catch (Exception ex)
        {
            // A lost race for an offer is normal routing (it is offered again); the count is reported.
            _connection.Forget(sessionId);
            Interlocked.Increment(ref _acceptFailures);
            LastAcceptError = ex.GetBaseException().Message;
            _accepting.TryRemove(sessionId, out _);
        }
    }

    /// <summary>Closes every session this agent accepted, then goes away; returns how many closes failed.</summary>
    public async Task<int> CloseSessionsAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        foreach (var session in Sessions)
        {
            try { await _connection.InvokeAsync<SessionViewDto>("CloseSession", [session.SessionId, "load-test"], cancellationToken); }
            catch (Exception ex) when (ex is not OperationCanceledException) { failures++; }
        }

        try { await _connection.InvokeAsync<AgentStatusDto>("SetStatus", ["away"], cancellationToken); }
        catch (Exception ex) when (ex is not OperationCanceledException) { failures++; }
        return failures;
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
