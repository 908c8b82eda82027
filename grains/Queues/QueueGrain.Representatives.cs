using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Engagement.Queues;

/// <summary>
/// Sessions waiting for a representative the visitor chose. While the representative is online (available or
/// busy) the session waits for them only. If they go offline or away, the visitor is told at once, with the time
/// the session will go to the queue's other agents (<see cref="RoutingOptions.ChosenRepresentativeWait"/>);
/// if they come back first, the visitor is told that too. A representative who declines or lets the offer time out
/// hands the session to the others at once. Checked on the queue's timer, which runs while sessions wait.
/// </summary>
internal sealed partial class QueueGrain
{
    private readonly Dictionary<string, DateTimeOffset> _representativeGoneSince = new(StringComparer.Ordinal);
    private RoutingOptions? _routingOptions;

    private RoutingOptions Routing => _routingOptions ??= ServiceProvider.GetRequiredService<IOptions<RoutingOptions>>().Value;

    private TimeSpan RepresentativeWait => Routing.ChosenRepresentativeWait;

    public async Task<bool> DropPreference(string sessionId)
    {
        var index = S.Waiting.FindIndex(w => w.SessionId == sessionId);
        if (index < 0 || S.Waiting[index].PreferredAgentId is null) return false;
        S.Waiting[index] = S.Waiting[index] with { PreferredAgentId = null };
        _representativeGoneSince.Remove(sessionId);
        await _writer.WriteAsync();
        Match();
        return true;
    }

    private void CheckRepresentatives()
    {
        var now = Now;
        for (var i = 0; i < S.Waiting.Count; i++)
        {
            var waiting = S.Waiting[i];
            if (waiting.PreferredAgentId is not { } agentId) continue;
            var presence = _roster.TryGetValue(agentId, out var agent) ? agent.Presence : AgentPresence.Offline;
            var gone = presence is AgentPresence.Offline or AgentPresence.Away;
            if (!gone)
            {
                if (_representativeGoneSince.Remove(waiting.SessionId))
                    Notify(waiting.SessionId, agentId, RepresentativeState.Available, null, null);
                continue;
            }
            if (!_representativeGoneSince.TryGetValue(waiting.SessionId, out var since))
            {
                _representativeGoneSince[waiting.SessionId] = since = now;
                if (RepresentativeWait > TimeSpan.Zero)
                {
                    var reason = presence == AgentPresence.Away ? RepresentativeReason.Away : RepresentativeReason.Offline;
                    Notify(waiting.SessionId, agentId, RepresentativeState.Unavailable, reason, since + RepresentativeWait);
                }
            }
            if (now - since >= RepresentativeWait) FallBack(i, RepresentativeReason.WaitExpired);
        }
        var waitingIds = S.Waiting.Select(w => w.SessionId).ToHashSet(StringComparer.Ordinal);
        foreach (var ended in _representativeGoneSince.Keys.Where(id => !waitingIds.Contains(id)).ToList())
            _representativeGoneSince.Remove(ended);
    }

    /// <summary>The chosen representative declined or let the offer time out: the others take over now.</summary>
    private void RepresentativeDidNotTake(int index, string agentId, OfferEndReason reason)
    {
        if (S.Waiting[index].PreferredAgentId != agentId) return;
        if (reason == OfferEndReason.Declined) FallBack(index, RepresentativeReason.Declined);
        else if (reason == OfferEndReason.TimedOut) FallBack(index, RepresentativeReason.NoAnswer);
    }

    private void FallBack(int index, RepresentativeReason reason)
    {
        var waiting = S.Waiting[index];
        S.Waiting[index] = waiting with { PreferredAgentId = null };
        _representativeGoneSince.Remove(waiting.SessionId);
        _writer.WriteAsync().Ignore();
        Notify(waiting.SessionId, waiting.PreferredAgentId!, RepresentativeState.FellBack, reason, null);
    }

    private void Notify(string sessionId, string agentId, RepresentativeState state, RepresentativeReason? reason, DateTimeOffset? fallbackAt) =>
        GrainFactory.GetSession(sessionId).RepresentativeChanged(new RepresentativeNotice(sessionId, agentId, state, reason, fallbackAt, _versions.Next())).Ignore();
}
