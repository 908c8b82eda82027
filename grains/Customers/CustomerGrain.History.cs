using Engagement.Context;

namespace Engagement.Customers;

/// <summary>The customer's history across sessions and channels: their sessions plus interactions posted through ingestion.</summary>
internal sealed partial class CustomerGrain
{
    public async Task<HistoryEntry[]> GetHistory()
    {
        var sessionIds = S.SessionIds.TakeLast(ContextLimits.HistorySessions).ToArray();
        // Sessions never await customers, so awaiting them here cannot deadlock.
        var summaries = await Task.WhenAll(sessionIds.Select(id => GrainFactory.GetSession(id).Summary()));
        return summaries.OfType<SessionSummary>().Select(SessionEntry)
            .Concat(C.Interactions)
            .OrderByDescending(e => e.At)
            .Take(ContextLimits.HistoryEntries)
            .ToArray();
    }

    private static HistoryEntry SessionEntry(SessionSummary s)
    {
        var status = s.Status switch
        {
            SessionStatus.Closed => "closed",
            SessionStatus.Abandoned => "abandoned before an agent answered",
            SessionStatus.Active => "in progress",
            SessionStatus.WrapUp => "in wrap-up",
            _ => "waiting for an agent",
        };
        var summary = $"{s.Topic ?? "Conversation"} ({status}";
        if (s.AgentId is { } agent) summary += $", with {agent}";
        summary += $", {s.MessageCount} messages";
        if (s.Rating is { } rating) summary += $", rated {rating.Csat}/5";
        return new HistoryEntry(s.Channel, summary + ")", s.RequestedAt, s.SessionId, s.Outcome);
    }
}
