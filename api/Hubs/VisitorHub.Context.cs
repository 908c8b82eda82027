using Engagement.Api.Context;
using Engagement.Api.Endpoints.Context;
using Engagement.Api.Validation;
using Microsoft.AspNetCore.Mvc;

namespace Engagement.Api.Hubs;

/// <summary>What the widget reports for the live context (page views, events, time zone) and answers to invitations.</summary>
public sealed partial class VisitorHub
{
    private const string WidgetSource = "widget";

    /// <summary>
    /// The tab shows a new page: moves the tab there (as <see cref="UpdateLocation"/> does) and adds the page to the
    /// customer's page trail through the context stream.
    /// </summary>
    public async Task<CustomerPresenceView> TrackPageView(
        string url, string? title, string? referrer, [FromServices] ContextPublisher publisher, [FromServices] TimeProvider clock)
    {
        var page = InputRules.RequiredText(url, Limits.Url, nameof(url));
        var pageTitle = InputRules.OptionalText(title, Limits.Title, nameof(title));
        var from = InputRules.OptionalText(referrer, Limits.Url, nameof(referrer));
        var customerId = CurrentCaller.Id;
        var presence = await Grains.GetCustomer(customerId).UpdateLocation(Context.ConnectionId, new VisitorLocation(WebChannel, page, pageTitle, Away: false));
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["url"] = page };
        if (pageTitle is not null) values["title"] = pageTitle;
        if (from is not null) values["referrer"] = from;
        await publisher.PublishAsync(customerId, [new ContextSignal(customerId, ContextSignalKind.PageView, "pageView", values, clock.GetUtcNow(), WidgetSource)]);
        return presence;
    }

    /// <summary>A custom event the site tracked (widget.track(name, properties)).</summary>
    public Task Track(string name, Dictionary<string, string?>? properties, [FromServices] ContextPublisher publisher, [FromServices] TimeProvider clock)
    {
        var eventName = InputRules.RequiredText(name, Limits.Name, nameof(name));
        var values = SignalRules.Properties(properties, nameof(properties));
        var customerId = CurrentCaller.Id;
        return publisher.PublishAsync(customerId, [new ContextSignal(customerId, ContextSignalKind.Event, eventName, values, clock.GetUtcNow(), WidgetSource)]);
    }

    /// <summary>The browser's IANA time zone, for the customer's local time in the agent's context panel.</summary>
    public Task SetTimeZone(string timeZone, [FromServices] ContextPublisher publisher, [FromServices] TimeProvider clock)
    {
        if (timeZone?.Length > Limits.TimeZone) throw InputException.TooLarge(nameof(timeZone), $"timeZone is longer than {Limits.TimeZone} characters.");
        if (!TimeZoneIds.IsKnown(timeZone)) throw new InputException(nameof(timeZone), "timeZone must be an IANA time zone such as \"Europe/Berlin\".");
        var customerId = CurrentCaller.Id;
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["timeZone"] = timeZone };
        return publisher.PublishAsync(customerId, [new ContextSignal(customerId, ContextSignalKind.Location, "timeZone", values, clock.GetUtcNow(), WidgetSource)]);
    }

    /// <summary>
    /// Answers an invitation. Accepting starts a session with the inviting agent (or in the rule's queue) and joins
    /// this connection, like <see cref="StartSession"/>; declining returns null.
    /// </summary>
    public async Task<JoinResult?> AnswerInvitation(string invitationId, bool accept)
    {
        InputRules.Id(invitationId, nameof(invitationId));
        var invitation = await Grains.GetCustomer(CurrentCaller.Id).AnswerInvitation(invitationId, accept)
            ?? throw EngagementException.Conflict("That invitation has expired or was already answered.");
        if (!accept) return null;

        var topic = invitation.AgentName is { } agentName ? $"Accepted {agentName}'s invitation" : $"Accepted an invitation: {invitation.Message}";
        if (topic.Length > Limits.Topic) topic = topic[..(Limits.Topic - 1)] + "…";
        var request = new StartSessionRequest(invitation.QueueId, topic, null, WebChannel, invitation.AgentId, invitation.InvitationId);
        var sessionId = PublicIds.NewSessionId();
        await Grains.GetSession(sessionId).Start(CurrentCaller, request);
        return await JoinAsync(sessionId, afterSeq: 0);
    }
}
