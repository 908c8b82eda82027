using Engagement.Realtime;

namespace Engagement.Sessions;

/// <summary>
/// A session for a representative the visitor chose. It starts only while the representative is online
/// (available or busy); the queue then reports if they go away (<see cref="RepresentativeNotice"/>), and the
/// visitor sees each report as a "representative" event. When the session falls back to the whole queue, the
/// transcript says so and every participant gets the updated session.
/// </summary>
internal sealed class ChosenRepresentative(SessionCore core)
{
    private long _version;

    private SessionState S => core.S;

    /// <summary>At start: the representative exists, serves the queue, and is online; else the widget offers the queue instead.</summary>
    public async Task EnsureCanWaitAsync(string agentId, string queueId)
    {
        var agent = core.Grains.GetAgent(agentId);
        if (await agent.GetProfile() is not { } profile || !profile.Queues.Contains(queueId))
            throw EngagementException.Invalid($"Representative '{agentId}' does not take conversations from queue '{queueId}'.");
        var presence = (await agent.GetStatus()).Presence;
        if (presence is AgentPresence.Offline or AgentPresence.Away)
            throw EngagementException.Conflict($"{profile.DisplayName} is {presence.ToString().ToLowerInvariant()} right now; choose another representative or the queue.");
    }

    public async Task RepresentativeChanged(RepresentativeNotice notice)
    {
        if (notice.Version <= _version) return;
        _version = notice.Version;
        if (!S.Exists || !SessionLifecycle.IsWaiting(S.Status) || S.PreferredAgentId != notice.AgentId) return;
        if (notice.State == RepresentativeState.FellBack) await FallBackAsync(notice);
        else PushToVisitor(notice);
    }

    public async Task<SessionView> WaitForAnyAgent(Caller caller)
    {
        core.EnsureAllowed(caller, core.IsVisitor(caller), "Only the session's visitor decides whom to wait for.");
        if (!SessionLifecycle.IsWaiting(S.Status)) throw EngagementException.Conflict("The session is no longer waiting for an agent.");
        if (S.PreferredAgentId is not { } agentId) return core.ViewFor(caller);
        if (await core.Grains.GetQueue(S.QueueId).DropPreference(core.Id))
            await FallBackAsync(new RepresentativeNotice(core.Id, agentId, RepresentativeState.FellBack, RepresentativeReason.VisitorChoice, null, _version));
        return core.ViewFor(caller);
    }

    private async Task FallBackAsync(RepresentativeNotice notice)
    {
        if (S.PreferredAgentId != notice.AgentId) return; // already fell back (the queue and the visitor crossed)
        S.PreferredAgentId = null;
        PushToVisitor(notice);
        await core.Writer.WriteAsync();
        await core.Transcript.AppendEventAsync(notice.Reason == RepresentativeReason.VisitorChoice
            ? "The visitor chose to talk to the next available agent."
            : "The representative the visitor chose is not available; the next available agent will answer.");
        core.PushSession();
    }

    private void PushToVisitor(RepresentativeNotice notice) =>
        core.Connections.Push(ClientEvent.Representative(notice), c => c.Kind == CallerKind.Visitor);
}
