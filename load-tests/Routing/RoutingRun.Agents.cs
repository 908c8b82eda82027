using System.Diagnostics;
using System.Text.Json;
using Engagement.LoadTests.Chat;
using Engagement.LoadTests.Measurement;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.LoadTests.Routing;

/// <summary>The agents' side of a routing run: offers accepted as they arrive, sessions closed after a handle time, and the timings.</summary>
internal sealed partial class RoutingRun
{
    private readonly List<AgentSlot> _agents = [];
    private readonly LatencyHistogram _offerFromFreed = new(), _offerFromCloseReturn = new(), _offerFromCloseStart = new(), _accept = new(), _close = new();
    private long _offers, _accepted, _closed, _acceptFailures, _closeFailures, _revoked, _offersBeforeCloseReturned, _offersBeforeFreed, _agentEvents;
    private string? _lastAcceptError, _lastCloseError;

    /// <summary>An agent of the run: its plan, its hub connection and its ledger (locked on the slot).</summary>
    private sealed record AgentSlot(AgentPlan Plan, HubConnection Hub)
    {
        public AgentLedger Ledger { get; } = new(Plan.Capacity);
    }

    private async Task ConnectAgentAsync(AgentSlot agent, CancellationToken ct)
    {
        agent.Hub.On<SessionOfferDto>("offer", offer => OnOffer(agent, offer.SessionId));
        agent.Hub.On<JsonElement>("offerRevoked", revoked =>
        {
            Interlocked.Increment(ref _revoked);
            lock (_book) _book.OfferEnded(revoked.GetProperty("sessionId").GetString()!);
        });
        agent.Hub.On<AgentStatusDto>("agentStatus", status =>
        {
            var at = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref _agentEvents);
            lock (agent) agent.Ledger.Status(status.ActiveSessions, at);
        });
        foreach (var name in (string[])["session", "message", "customerPresence", "customerContext", "typing", "read"])
            agent.Hub.On<JsonElement>(name, _ => Interlocked.Increment(ref _agentEvents));
        agent.Hub.Closed += error => Dropped(error);
        await agent.Hub.StartAsync(ct);
        await agent.Hub.InvokeAsync<JsonElement>("SetStatus", "away", ct);
    }

    // Runs on the connection's receive loop: the accept goes on in the background (awaiting it here would wait for a
    // reply this loop must read).
    private void OnOffer(AgentSlot agent, string sessionId)
    {
        var at = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _offers);
        _offerTimes.Enqueue(at);
        FreedOffer? freed;
        lock (agent) freed = agent.Ledger.Offer(at);
        if (freed is { } f)
        {
            if (f.FromFreed is { } fromFreed) _offerFromFreed.Record(fromFreed);
            else Interlocked.Increment(ref _offersBeforeFreed);
            _offerFromCloseReturn.Record(f.FromCloseReturn);
            _offerFromCloseStart.Record(f.FromCloseStart);
            if (f.BeforeReturn) Interlocked.Increment(ref _offersBeforeCloseReturned);
        }
        var record = _sessions.GetOrAdd(sessionId, _ => new SessionRecord());
        lock (record) if (record.FirstOffer == 0) record.FirstOffer = at;
        lock (_book) _book.Offered(sessionId);
        _ = AcceptAsync(agent, sessionId, record);
    }

    private async Task AcceptAsync(AgentSlot agent, string sessionId, SessionRecord record)
    {
        var start = Stopwatch.GetTimestamp();
        var accepted = false;
        try
        {
            await agent.Hub.InvokeAsync<JsonElement>("AcceptOffer", sessionId).ConfigureAwait(false);
            accepted = true;
        }
        catch (Exception ex)
        {
            // A lost race for an offer is normal routing (the queue offers it again); the count is reported.
            Interlocked.Increment(ref _acceptFailures);
            _lastAcceptError = ex.GetBaseException().Message;
        }
        var end = Stopwatch.GetTimestamp();
        _accept.Record(end - start);
        lock (agent) agent.Ledger.AcceptEnded(accepted);
        lock (_book)
        {
            if (accepted) _book.Accepted(sessionId);
            else _book.OfferEnded(sessionId);
        }
        if (!accepted) return;
        lock (record) record.Accepted = end;
        _acceptTimes.Enqueue(end);
        Interlocked.Increment(ref _accepted);
        await HandleAsync(agent, sessionId, record).ConfigureAwait(false);
    }

    /// <summary>Holds the session for a random handle time, then closes it, which frees the slot.</summary>
    private async Task HandleAsync(AgentSlot agent, string sessionId, SessionRecord record)
    {
        var handle = settings.HandleMin + (settings.HandleMax - settings.HandleMin) * Random.Shared.NextDouble();
        await Task.Delay(handle).ConfigureAwait(false);
        var start = Stopwatch.GetTimestamp();
        bool work;
        lock (_book) work = _book.HasWorkFor(agent.Plan, _scenario, start);
        lock (agent) agent.Ledger.CloseStarted(sessionId, start, work);
        var closed = false;
        try
        {
            await agent.Hub.InvokeAsync<JsonElement>("CloseSession", sessionId, "resolved").ConfigureAwait(false);
            closed = true;
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _closeFailures);
            _lastCloseError = ex.GetBaseException().Message;
        }
        var end = Stopwatch.GetTimestamp();
        _close.Record(end - start);
        lock (agent) agent.Ledger.CloseEnded(sessionId, end, closed);
        if (!closed) return;
        lock (record) record.Closed = end;
        _closeTimes.Enqueue(end);
        Interlocked.Increment(ref _closed);
    }
}
