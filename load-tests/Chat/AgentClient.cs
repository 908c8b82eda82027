using System.Collections.Concurrent;
using Engagement.LoadTests.Hubs;
using Engagement.LoadTests.Measurement;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.LoadTests.Chat;

/// <summary>
/// One agent workspace: goes available, accepts every offer it gets, and on each `message` event checks the
/// session's seq continuity and, for the visitors' load messages, records visitor → agent delivery latency.
/// </summary>
internal sealed class AgentClient(Uri hubUrl, string token, LoadMetrics metrics, Action<string> accepted) : IAsyncDisposable
{
    private readonly HubConnection _connection = HubConnections.Create(hubUrl, token);
    private readonly ConcurrentDictionary<string, byte> _accepting = new(StringComparer.Ordinal);
    private long _acceptFailures;
    private volatile bool _disposing;

    /// <summary>Continuity of each accepted session's transcript as this agent saw it (join reply + live events).</summary>
    public ConcurrentDictionary<string, SeqTracker> Sessions { get; } = new(StringComparer.Ordinal);

    public long AcceptFailures => Interlocked.Read(ref _acceptFailures);

    public string? LastAcceptError { get; private set; }

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        _connection.On<SessionOfferDto>("offer", offer => Accept(offer.SessionId));
        _connection.On<AgentStatusDto>("agentStatus", status =>
        {
            foreach (var offer in status.PendingOffers) Accept(offer.SessionId);
        });
        _connection.On<ChatMessageDto>("message", OnMessage);
        _connection.Closed += error => _disposing ? Task.CompletedTask : metrics.OnConnectionLost(error);
        await _connection.StartAsync(cancellationToken);
        await _connection.InvokeAsync<AgentStatusDto>("SetStatus", "available", cancellationToken);
    }

    // Handlers run on the connection's receive loop: awaiting a hub call inside one would wait for a reply
    // that loop must read. So accept in the background.
    private void Accept(string sessionId)
    {
        if (Sessions.ContainsKey(sessionId) || !_accepting.TryAdd(sessionId, 0)) return;
        _ = AcceptAsync(sessionId);
    }

    private async Task AcceptAsync(string sessionId)
    {
        try
        {
            var join = await _connection.InvokeAsync<JoinResultDto>("AcceptOffer", sessionId).ConfigureAwait(false);
            var tracker = Sessions.GetOrAdd(sessionId, _ => new SeqTracker());
            foreach (var message in join.Missed) tracker.Observe(message.Seq);
            accepted(sessionId);
        }
        catch (Exception ex)
        {
            // A lost race for an offer is normal routing (it is offered again); the count is reported.
            Interlocked.Increment(ref _acceptFailures);
            LastAcceptError = ex.GetBaseException().Message;
            _accepting.TryRemove(sessionId, out _);
        }
    }

    private void OnMessage(ChatMessageDto message)
    {
        Sessions.GetOrAdd(message.SessionId, _ => new SeqTracker()).Observe(message.Seq);
        if (message.SenderRole == "visitor" && message.Kind == "text" && MessageStamp.TryParse(message.Text, out _, out var sentTicks))
            metrics.OnDelivered(sentTicks);
    }

    /// <summary>Closes every session this agent accepted, then goes away; returns how many closes failed.</summary>
    public async Task<int> CloseSessionsAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        foreach (var sessionId in Sessions.Keys)
        {
            try { await _connection.InvokeAsync<SessionViewDto>("CloseSession", sessionId, "load-test", cancellationToken); }
            catch (Exception ex) when (ex is not OperationCanceledException) { failures++; }
        }

        try { await _connection.InvokeAsync<AgentStatusDto>("SetStatus", "away", cancellationToken); }
        catch (Exception ex) when (ex is not OperationCanceledException) { failures++; }
        return failures;
    }

    public ValueTask DisposeAsync()
    {
        _disposing = true;
        return _connection.DisposeAsync();
    }
}
