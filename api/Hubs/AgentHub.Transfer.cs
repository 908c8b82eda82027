using Engagement.Api.Validation;

namespace Engagement.Api.Hubs;

/// <summary>Handing an active session over to a colleague or a queue (docs/protocol.md, "Transfer").</summary>
public sealed partial class AgentHub
{
    /// <summary>Starts a transfer: exactly one of <c>toAgentId</c> and <c>toQueueId</c>, with an optional private note.</summary>
    public Task<SessionView> TransferSession(string sessionId, TransferRequest request)
    {
        InputRules.Id(sessionId, nameof(sessionId));
        if (request is null) throw new InputException(nameof(request), "request is { toAgentId | toQueueId, note }.");
        if ((request.ToAgentId is null) == (request.ToQueueId is null))
            throw new InputException(nameof(request), "A transfer names exactly one of toAgentId and toQueueId.");
        var checkedRequest = new TransferRequest(
            request.ToAgentId is null ? null : InputRules.Id(request.ToAgentId, "request.toAgentId"),
            request.ToQueueId is null ? null : InputRules.Id(request.ToQueueId, "request.toQueueId"),
            InputRules.OptionalText(request.Note, Limits.MessageText, "request.note"));
        return Grains.GetSession(sessionId).Transfer(CurrentCaller, checkedRequest);
    }

    /// <summary>Calls back a transfer under way; the session stays with its agent.</summary>
    public Task<SessionView> CancelTransfer(string sessionId)
    {
        InputRules.Id(sessionId, nameof(sessionId));
        return Grains.GetSession(sessionId).CancelTransfer(CurrentCaller);
    }
}
