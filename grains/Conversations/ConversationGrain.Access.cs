namespace Engagement.Conversations;

/// <summary>Who may see and act on the conversation (<see cref="ConversationRules"/>), and the views it hands out.</summary>
internal sealed partial class ConversationGrain
{
    /// <summary>Throws <c>not_found</c> unless the caller is the contact, staff who may see it, or the system.</summary>
    private async Task EnsureVisibleAsync(Caller caller)
    {
        if (!S.Exists) throw ConversationRules.NotFound(Id);
        if (ConversationRules.IsContact(S, caller) || caller.IsPrivileged) return;
        if (!caller.IsStaff || !ConversationRules.StaffCanSee(S, caller, await AgentQueuesAsync(caller.Id))) throw ConversationRules.NotFound(Id);
    }

    /// <summary>As <see cref="EnsureVisibleAsync"/>, then <c>forbidden</c> unless the caller is staff (or the system).</summary>
    private async Task EnsureStaffAsync(Caller caller, string why = "Only staff change a conversation's status, assignee or labels.")
    {
        await EnsureVisibleAsync(caller);
        if (!IsStaffOrSystem(caller)) throw EngagementException.Forbidden(why);
    }

    private static bool IsStaffOrSystem(Caller caller) => caller.IsStaff || caller.Kind == CallerKind.System;

    /// <summary>The queues an agent serves, read from the agent (which never calls back) and kept briefly.</summary>
    private async Task<string[]> AgentQueuesAsync(string agentId)
    {
        if (_agentQueues.TryGetValue(agentId, out var known) && Now - known.At < ConversationRules.AgentQueuesTtl) return known.Queues;
        var queues = (await GrainFactory.GetAgent(agentId).GetProfile())?.Queues ?? [];
        _agentQueues[agentId] = (queues, Now);
        return queues;
    }

    private ConversationView ViewFor(Caller caller) => ConversationRules.IsContact(S, caller) ? ConversationRules.ForContact(View()) : View();

    private ConversationView View() => new(
        Id, S.ContactId, S.QueueId, S.Channel, S.Subject, S.Status, S.SnoozedUntil, S.AssigneeId, [.. S.Labels],
        S.CreatedAt, S.LastActivityAt, S.Preview, [.. S.SessionIds], S.LiveSessionId, S.ContactName, S.ContactEmail,
        S.AwaitingReply, S.LastSeq, S.Version, S.ApiChannelId);
}
