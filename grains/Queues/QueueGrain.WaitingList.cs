using Engagement.Common;
using Engagement.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Queues;

/// <summary>
/// The waiting list agents see in the workspace, pushed live to the queue's watch group at most every
/// <see cref="WaitingInterval"/>, and cherry-picking from it: an agent takes a session themselves when the queue's
/// policy allows (<see cref="RoutingPolicy.CherryPick"/>).
/// </summary>
internal sealed partial class QueueGrain
{
    private static readonly TimeSpan WaitingInterval = TimeSpan.FromMilliseconds(250);
    private Throttle? _waitingThrottle;
    private int _sentWaitingSignature;

    public Task<QueueWaitingList> GetWaitingList() => Task.FromResult(WaitingList());

    public async Task Pick(string sessionId, AgentRoutingState agent)
    {
        if (S.Definition is null) throw EngagementException.NotFound($"Queue '{Id}'");
        if (!Policy.CherryPick) throw EngagementException.Forbidden("This queue does not let agents pick sessions; accept an offer instead.");
        var index = S.Waiting.FindIndex(w => w.SessionId == sessionId);
        if (index < 0 || _moving.Contains(sessionId)) throw EngagementException.Conflict("That session is no longer waiting.");
        var waiting = S.Waiting[index];
        if (waiting.PreferredAgentId is { } chosen && chosen != agent.AgentId)
            throw EngagementException.Conflict("That session waits for the representative the visitor chose.");
        if (!RoutingRules.CanServe(agent, waiting.RequiredSkills, DemandFor(waiting, Now)))
            throw EngagementException.Conflict("That session asks for skills (or a level) you do not have.");
        if (waiting.OfferedTo is { } offeredTo && offeredTo != agent.AgentId)
            GrainFactory.GetAgent(offeredTo).RevokeOffer(sessionId, OfferEndReason.Withdrawn).Ignore();
        await AnsweredAsync(index);
    }

    /// <summary>After every round of matching: a changed list goes to the watchers (throttled).</summary>
    private void ReportWaiting()
    {
        var signature = WaitingSignature();
        if (signature == _sentWaitingSignature) return;
        _sentWaitingSignature = signature;
        _waitingThrottle ??= new Throttle(WaitingInterval, SendWaitingAsync, Throttle.GrainTimer(this, interleave: true));
        _waitingThrottle.ChangedAsync().Ignore();
    }

    private Task SendWaitingAsync() =>
        ServiceProvider.GetRequiredService<ClientPush>().BroadcastAsync(HubKind.Agent, WatchGroups.QueueWaiting(Id), ClientEvent.QueueWaiting(WaitingList()));

    private QueueWaitingList WaitingList() => new(
        Id, S.Definition?.Name ?? Id, Policy.CherryPick, S.Waiting.Take(Limits.WaitingListed).ToArray(), S.Waiting.Count, _versions.Next());

    /// <summary>What the list shows: the listed sessions, their offers, the total and the queue's name and setting.</summary>
    private int WaitingSignature()
    {
        var hash = new HashCode();
        hash.Add(S.Waiting.Count);
        hash.Add(S.Definition?.Name);
        hash.Add(Policy.CherryPick);
        for (var i = 0; i < S.Waiting.Count && i < Limits.WaitingListed; i++)
        {
            hash.Add(S.Waiting[i].SessionId);
            hash.Add(S.Waiting[i].OfferedTo);
        }
        return hash.ToHashCode();
    }
}
