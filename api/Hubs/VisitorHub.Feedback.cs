using Engagement.Api.Validation;

namespace Engagement.Api.Hubs;

/// <summary>The visitor's rating at the end of a session, and giving up on a chosen representative.</summary>
public sealed partial class VisitorHub
{
    /// <summary>Rates the session (CSAT 1–5, optional NPS 0–10 and comment); rating again replaces the rating.</summary>
    public Task<SessionView> RateSession(string sessionId, int csat, int? nps, string? comment)
    {
        InputRules.Id(sessionId, nameof(sessionId));
        var rating = FeedbackRules.Rating(csat, nps, comment);
        return Grains.GetSession(sessionId).Rate(CurrentCaller, rating.Csat, rating.Nps, rating.Comment);
    }

    /// <summary>Stops waiting for the representative chosen at start: the queue's next available agent answers.</summary>
    public Task<SessionView> WaitForAnyAgent(string sessionId)
    {
        InputRules.Id(sessionId, nameof(sessionId));
        return Grains.GetSession(sessionId).WaitForAnyAgent(CurrentCaller);
    }
}
