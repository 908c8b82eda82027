using Engagement.Api.Validation;

namespace Engagement.Api.Hubs;

/// <summary>The agent workspace's tools: private notes, canned responses and the customer's history.</summary>
public sealed partial class AgentHub
{
    /// <summary>Adds a private note to a session (staff only; never shown to the visitor). Staff in the session get a "note" event.</summary>
    public Task<SessionNote> AddNote(string sessionId, string text)
    {
        InputRules.Id(sessionId, nameof(sessionId));
        return Grains.GetSession(sessionId).AddNote(CurrentCaller, InputRules.MessageText(text));
    }

    public Task<SessionNote[]> GetNotes(string sessionId)
    {
        InputRules.Id(sessionId, nameof(sessionId));
        return Grains.GetSession(sessionId).GetNotes(CurrentCaller);
    }

    public Task<CannedResponse[]> GetCannedResponses() =>
        Grains.GetCannedResponses().List();

    /// <summary>
    /// The history of a session's customer, across sessions and channels, newest first. Authorized through the
    /// session: an agent sees it for sessions offered or assigned to them; supervisors and admins for any.
    /// </summary>
    public async Task<HistoryEntry[]> GetCustomerHistory(string sessionId)
    {
        InputRules.Id(sessionId, nameof(sessionId));
        var session = await Grains.GetSession(sessionId).Get(CurrentCaller);
        return await Grains.GetCustomer(session.CustomerId).GetHistory();
    }
}
