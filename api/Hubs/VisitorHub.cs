using Engagement.Api.Auth;
using Engagement.Api.Realtime;
using Engagement.Api.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace Engagement.Api.Hubs;

/// <summary>
/// The website widget's hub (/hubs/visitor, visitor tokens). Connecting registers the tab with the customer's
/// presence, at the page given by the query (?page=&amp;title=&amp;away=).
/// </summary>
[Authorize(Policy = Policies.Visitor)]
public sealed partial class VisitorHub(IGrainFactory grains, ClientConnections connections, IAttachments attachments, TimeProvider clock, ILogger<VisitorHub> logger)
    : EngagementHub(grains, connections, attachments, logger)
{
    /// <summary>The channel of every connection to this hub.</summary>
    public const string WebChannel = "web";

    protected override HubKind Kind => HubKind.Visitor;

    public override async Task OnConnectedAsync()
    {
        var query = Context.GetHttpContext()?.Request.Query;
        var location = Location(query?["page"], query?["title"], string.Equals(query?["away"], "true", StringComparison.OrdinalIgnoreCase));
        var state = Begin();
        await Grains.GetCustomer(state.Caller.Id).Connect(state.Connection, location);
        Track(state, new ListenerKey(ListenerKind.Customer, state.Caller.Id), location);
    }

    /// <summary>
    /// Asks to talk to someone: checks the answers to the queue's pre-chat form (they become the contact's attributes),
    /// creates a session, queues it and joins this connection to it. The reply is the same as
    /// <see cref="EngagementHub.JoinSession"/>'s, so nothing written before the join is missed.
    /// </summary>
    public async Task<JoinResult> StartSession(StartSessionRequest request)
    {
        if (request is null)
        {
            throw new InputException(nameof(request), "request is required.");
        }

        var checkedRequest = new StartSessionRequest(
            InputRules.Id(request.QueueId, "queueId"),
            InputRules.OptionalText(request.Topic, Limits.Topic, "topic"),
            InputRules.IdList(request.RequiredSkills, Limits.Skills, "requiredSkills"),
            InputRules.Id(string.IsNullOrEmpty(request.Channel) ? WebChannel : request.Channel, "channel"),
            AgentId: request.AgentId is null ? null : InputRules.Id(request.AgentId, "agentId"),
            RequestId: InputRules.ClientMessageId(request.RequestId, "requestId"));
        await RecordFormAsync(checkedRequest.QueueId, request.Form);
        // With a request id, a repeat (the answer was lost) reaches the same session and joins it again.
        var sessionId = checkedRequest.RequestId is { } requestId ? PublicIds.SessionIdFor(CurrentCaller.Id, requestId) : PublicIds.NewSessionId();
        await Grains.GetSession(sessionId).Start(CurrentCaller, checkedRequest);
        return await JoinAsync(sessionId, afterSeq: 0);
    }

    /// <summary>
    /// The queue's pre-chat form, checked and stored before the chat starts: the agent who answers finds the answers
    /// among the contact's attributes. A repeat (same request id) stores the same answers again.
    /// </summary>
    private async Task RecordFormAsync(string queueId, Dictionary<string, string?>? answers)
    {
        var definition = await Grains.GetQueue(queueId).GetDefinition() ?? throw EngagementException.NotFound($"Queue '{queueId}'");
        var attributes = PreChatAnswers.Check(definition.PreChatForm, answers, clock.GetUtcNow());
        if (attributes.Count > 0) await Grains.GetCustomer(CurrentCaller.Id).SetAttributes(attributes);
    }

    /// <summary>The visitor leaves: a waiting session is abandoned, an active one goes to wrap-up.</summary>
    public Task<SessionView> LeaveSession(string sessionId)
    {
        InputRules.Id(sessionId, nameof(sessionId));
        return Grains.GetSession(sessionId).Leave(CurrentCaller);
    }

    /// <summary>The tab moved to another page, or went to the background (<paramref name="away"/>) or came back.</summary>
    public Task<CustomerPresenceView> UpdateLocation(string? page, string? title, bool away)
    {
        var location = Location(page, title, away);
        Connections.Moved(Context.ConnectionId, location);
        return Grains.GetCustomer(CurrentCaller.Id).UpdateLocation(Context.ConnectionId, location);
    }

    /// <summary>Merges attributes the widget knows (name, email, plan...) into the customer.</summary>
    public Task<CustomerView> SetAttributes(Dictionary<string, string?> attributes) =>
        Grains.GetCustomer(CurrentCaller.Id).SetAttributes(InputRules.Attributes(attributes));

    private protected override Task DisconnectOwnerAsync(ConnectionState state) =>
        Grains.GetCustomer(state.Caller.Id).Disconnect(Context.ConnectionId);

    private static VisitorLocation Location(string? page, string? title, bool away) => new(
        WebChannel,
        InputRules.OptionalText(page, Limits.Url, "page"),
        InputRules.OptionalText(title, Limits.Title, "title"),
        away);
}
