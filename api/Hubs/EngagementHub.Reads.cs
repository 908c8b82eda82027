using Engagement.Api.Validation;

namespace Engagement.Api.Hubs;

/// <summary>Read receipts, on both hubs.</summary>
public abstract partial class EngagementHub
{
    /// <summary>
    /// The caller has read the session's transcript up to <paramref name="seq"/>. Everyone in the session then
    /// receives a "read" event; a position at or below the one recorded changes nothing.
    /// </summary>
    public Task MarkRead(string sessionId, long seq)
    {
        InputRules.Id(sessionId, nameof(sessionId));
        return Grains.GetSession(sessionId).MarkRead(CurrentCaller, InputRules.AfterSeq(seq, nameof(seq)));
    }
}
