namespace Engagement.Agents;

/// <summary>The agent's side of routing: offers, accept/decline, capacity, and telling its queues.</summary>
internal sealed partial class AgentGrain
{
    public async Task<bool> Offer(SessionOffer offer)
    {
        if (S.Profile is not { } profile || S.ActiveSessions.Contains(offer.SessionId)) return false;
        if (!AgentRules.CanTakeOffer(Presence, ChatLoad, _offers.Count, profile.Capacity)) return false;
        _offers[offer.SessionId] = offer;
        _live.Push(ClientEvent.Offer(offer));
        await PublishAsync();
        return true;
    }

    public async Task RevokeOffer(string sessionId, OfferEndReason reason)
    {
        if (!_offers.Remove(sessionId)) return;
        _live.Push(ClientEvent.OfferRevoked(new OfferRevoked(sessionId, reason)));
        await PublishAsync();
    }

    public async Task<SessionView> Accept(string sessionId)
    {
        var profile = RequireProfile();
        if (!_offers.TryGetValue(sessionId, out var offer))
            throw EngagementException.Conflict("That offer is no longer available.");
        if (offer.TransferFrom is not null || offer.InvitedBy is not null) return await AcceptFromColleagueAsync(offer, profile);
        if (!await GrainFactory.GetQueue(offer.QueueId).ClaimOffer(sessionId, Id))
        {
            await RevokeOffer(sessionId, OfferEndReason.TimedOut);
            throw EngagementException.Conflict("That offer is no longer available.");
        }
        _offers.Remove(sessionId);
        return await TakeAsync(sessionId, profile);
    }

    /// <summary>A colleague's transfer or invite: the session judges it (it may have timed out or been called back).</summary>
    private async Task<SessionView> AcceptFromColleagueAsync(SessionOffer offer, AgentProfile profile)
    {
        _offers.Remove(offer.SessionId);
        SessionView view;
        try
        {
            var session = GrainFactory.GetSession(offer.SessionId);
            view = offer.InvitedBy is not null ? await session.ClaimInvite(Id, profile.DisplayName) : await session.ClaimTransfer(Id, profile.DisplayName);
        }
        catch
        {
            await PublishAsync();
            throw;
        }
        return await HeldAsync(offer.SessionId, view);
    }

    /// <summary>An offer this agent will not take goes back to whoever made it: the queue, or the session of a transfer or an invite.</summary>
    private Task HandBackAsync(SessionOffer offer, OfferEndReason reason) =>
        offer.InvitedBy is not null ? GrainFactory.GetSession(offer.SessionId).InviteDeclined(Id, reason)
        : offer.TransferFrom is not null ? GrainFactory.GetSession(offer.SessionId).TransferDeclined(Id, reason)
        : GrainFactory.GetQueue(offer.QueueId).OfferDeclined(offer.SessionId, Id, reason);

    public async Task<SessionView> Pick(string queueId, string sessionId)
    {
        var profile = RequireProfile();
        if (!profile.Queues.Contains(queueId)) throw EngagementException.NotFound($"Queue '{queueId}' among those you serve");
        if (S.ActiveSessions.Contains(sessionId)) throw EngagementException.Conflict("You already have that session.");
        var othersHeld = ChatLoad + _offers.Keys.Count(k => k != sessionId);
        if (othersHeld >= profile.Capacity) throw EngagementException.Conflict("You are at capacity: finish a conversation first.");
        await GrainFactory.GetQueue(queueId).Pick(sessionId, RoutingState());
        _offers.Remove(sessionId);
        return await TakeAsync(sessionId, profile);
    }

    /// <summary>The queue gave the session to this agent (an accepted offer or a pick): the session becomes active here.</summary>
    private async Task<SessionView> TakeAsync(string sessionId, AgentProfile profile)
    {
        SessionView view;
        try
        {
            view = await GrainFactory.GetSession(sessionId).Assign(Id, profile.DisplayName);
        }
        catch
        {
            await PublishAsync(); // capacity is free again
            throw;
        }
        return await HeldAsync(sessionId, view);
    }

    /// <summary>The session is this agent's now: it counts against capacity.</summary>
    private async Task<SessionView> HeldAsync(string sessionId, SessionView view)
    {
        if (!S.ActiveSessions.Contains(sessionId)) S.ActiveSessions.Add(sessionId);
        S.IdleSince = Now;
        await state.WriteStateAsync();
        await PublishAsync();
        return view;
    }

    /// <summary>
    /// Hands the offer back. The agent's connections get offerRevoked (declined), as for any offer that ends without
    /// acceptance; an offer this agent does not hold (gone, never made) is a conflict, exactly as for Accept.
    /// </summary>
    public async Task Decline(string sessionId)
    {
        if (!_offers.Remove(sessionId, out var offer)) throw EngagementException.Conflict("That offer is no longer available.");
        _live.Push(ClientEvent.OfferRevoked(new OfferRevoked(sessionId, OfferEndReason.Declined)));
        await HandBackAsync(offer, OfferEndReason.Declined);
        await PublishAsync();
    }

    public async Task<bool> TakeCallSlot(string sessionId)
    {
        var profile = RequireProfile();
        if (S.Calls.Contains(sessionId)) return true;
        if (S.Calls.Count >= profile.CallsAtOnce) return false;
        S.Calls.Add(sessionId);
        await state.WriteStateAsync();
        await PublishAsync();
        return true;
    }

    public async Task FreeCallSlot(string sessionId)
    {
        if (!S.Calls.Remove(sessionId)) return;
        await state.WriteStateAsync();
        await PublishAsync();
    }

    public async Task SessionReleased(string sessionId)
    {
        S.Calls.Remove(sessionId); // a session that ended took its call with it
        if (!S.ActiveSessions.Remove(sessionId)) return;
        S.IdleSince = Now;
        await state.WriteStateAsync();
        await PublishAsync();
    }

    public Task<AgentRoutingState?> GetRoutingState() => Task.FromResult(S.Profile is null ? null : RoutingState());

    private AgentRoutingState RoutingState() => new(
        Id, Presence, S.Profile?.Skills ?? [], S.Profile?.Capacity ?? 0, ChatLoad + _offers.Count, S.IdleSince, _versions.Next(),
        S.Profile?.SkillLevels);

    /// <summary>Chats held, or the whole chat capacity while a call blocks new chats.</summary>
    private int ChatLoad => S.Profile is { CallBlocksChats: true } profile && S.Calls.Count > 0
        ? Math.Max(profile.Capacity, S.ActiveSessions.Count)
        : S.ActiveSessions.Count;

    /// <summary>
    /// Pushes the status to the agent's own connections and, when routing-relevant facts changed, to its queues.
    /// An agent that went offline hands its pending offers back.
    /// </summary>
    private async Task PublishAsync(bool force = false)
    {
        if (S.Profile is null) return;
        if (Presence == AgentPresence.Offline && _offers.Count > 0)
        {
            var handedBack = _offers.Values.ToList();
            _offers.Clear();
            foreach (var offer in handedBack) await HandBackAsync(offer, OfferEndReason.AgentOffline);
        }
        var routing = RoutingState();
        if (!force && _published is { } last && SameRouting(last, routing)) return;
        _published = routing;
        _live.Push(ClientEvent.AgentStatus(Status()));
        foreach (var queueId in S.Profile.Queues) await GrainFactory.GetQueue(queueId).AgentChanged(routing);
        await PublishToReadModelsAsync(S.Profile);
    }

    private static bool SameRouting(AgentRoutingState a, AgentRoutingState b) =>
        a.Presence == b.Presence && a.Load == b.Load && a.Capacity == b.Capacity && a.IdleSince == b.IdleSince && a.Skills.SequenceEqual(b.Skills)
        && ReferenceEquals(a.SkillLevels, b.SkillLevels);
}
