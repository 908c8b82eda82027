using Engagement.Api.Validation;

namespace Engagement.Api.Hubs;

/// <summary>
/// The waiting lists of the caller's queues, pushed live (<c>queueWaiting</c>; supervisors and admins: every queue),
/// and cherry-picking from them.
/// </summary>
public sealed partial class AgentHub
{
    /// <summary>Starts live <c>queueWaiting</c> events on this connection and returns each list as it is now.</summary>
    public async Task<QueueWaitingList[]> WatchQueues()
    {
        var queueIds = await WatchedQueuesAsync();
        foreach (var queueId in queueIds) await Groups.AddToGroupAsync(Context.ConnectionId, WatchGroups.QueueWaiting(queueId));
        return await Task.WhenAll(queueIds.Select(q => Grains.GetQueue(q).GetWaitingList()));
    }

    public async Task UnwatchQueues()
    {
        foreach (var queueId in await WatchedQueuesAsync()) await Groups.RemoveFromGroupAsync(Context.ConnectionId, WatchGroups.QueueWaiting(queueId));
    }

    /// <summary>
    /// Takes a waiting session from a queue's list (the queue's routing has <c>cherryPick</c>) and joins this connection
    /// to it; the reply is AcceptOffer's.
    /// </summary>
    public async Task<JoinResult> PickSession(string queueId, string sessionId)
    {
        InputRules.Id(queueId, nameof(queueId));
        InputRules.Id(sessionId, nameof(sessionId));
        await Agent.Pick(queueId, sessionId);
        return await JoinAsync(sessionId, afterSeq: 0);
    }

    private async Task<string[]> WatchedQueuesAsync()
    {
        if (CurrentCaller.IsPrivileged) return [.. await Grains.GetRegistry().ListQueues()];
        var profile = await Grains.GetAgent(CurrentCaller.Id).GetProfile();
        return profile?.Queues ?? [];
    }
}
