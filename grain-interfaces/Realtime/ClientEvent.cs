namespace Engagement;

/// <summary>
/// One event pushed to clients: the client-side method name (<see cref="ClientEvents"/>) and its payload. Events
/// are made only through the factories below, one per name, so each event's payload type is fixed here and
/// nowhere else; docs/protocol.md's event table and web/src/shared/protocol.ts (generated from these factories
/// by tools/protocol-ts) are checked against them by a test.
/// </summary>
[GenerateSerializer, Immutable, Alias("engagement.client-event")]
public sealed record ClientEvent
{
    private ClientEvent(string name, object payload)
    {
        Name = name;
        Payload = payload;
    }

    /// <summary>The client-side method name, one of <see cref="ClientEvents"/>.</summary>
    [Id(0)] public string Name { get; private init; }

    /// <summary>The payload: the type its factory takes.</summary>
    [Id(1)] public object Payload { get; private init; }

    /// <summary>A connection that already has this event's content by other means (a message's sender, in its acknowledgement) and is not sent it.</summary>
    [Id(2)] public string? ExceptConnectionId { get; private init; }

    /// <summary>The same event, not sent to <paramref name="connectionId"/>.</summary>
    public ClientEvent Except(string? connectionId) => connectionId is null ? this : this with { ExceptConnectionId = connectionId };

    public static ClientEvent Message(ChatMessage message) => new(ClientEvents.Message, message);
    public static ClientEvent Session(SessionView session) => new(ClientEvents.Session, session);
    public static ClientEvent QueuePosition(QueuePosition position) => new(ClientEvents.QueuePosition, position);
    public static ClientEvent Offer(SessionOffer offer) => new(ClientEvents.Offer, offer);
    public static ClientEvent OfferRevoked(OfferRevoked revoked) => new(ClientEvents.OfferRevoked, revoked);
    public static ClientEvent AgentStatus(AgentStatus status) => new(ClientEvents.AgentStatus, status);
    public static ClientEvent Typing(TypingNotice notice) => new(ClientEvents.Typing, notice);
    public static ClientEvent CustomerPresence(CustomerPresenceView presence) => new(ClientEvents.CustomerPresence, presence);
    public static ClientEvent CustomerContext(CustomerContext context) => new(ClientEvents.CustomerContext, context);
    public static ClientEvent Read(ReadReceipt receipt) => new(ClientEvents.Read, receipt);
    public static ClientEvent Note(SessionNote note) => new(ClientEvents.Note, note);
    public static ClientEvent Invitation(Invitation invitation) => new(ClientEvents.Invitation, invitation);
    public static ClientEvent DirectoryPresence(DirectoryChange change) => new(ClientEvents.DirectoryPresence, change);
    public static ClientEvent SiteVisitor(SiteVisitor[] visitors) => new(ClientEvents.SiteVisitor, visitors);
    public static ClientEvent SiteVisitorLeft(SiteVisitorLeft[] left) => new(ClientEvents.SiteVisitorLeft, left);
    public static ClientEvent VisitorAlert(VisitorAlert alert) => new(ClientEvents.VisitorAlert, alert);
    public static ClientEvent Dashboard(DashboardSnapshot dashboard) => new(ClientEvents.Dashboard, dashboard);
    public static ClientEvent QueueWaiting(QueueWaitingList list) => new(ClientEvents.QueueWaiting, list);
    public static ClientEvent Representative(RepresentativeNotice notice) => new(ClientEvents.Representative, notice);
    public static ClientEvent Call(CallView call) => new(ClientEvents.Call, call);
    public static ClientEvent CallTrack(CallTrack track) => new(ClientEvents.CallTrack, track);
    public static ClientEvent Reconnect(ReconnectNotice notice) => new(ClientEvents.Reconnect, notice);
    public static ClientEvent Conversation(ConversationView conversation) => new(ClientEvents.Conversation, conversation);
    public static ClientEvent ConversationMessage(ChatMessage message) => new(ClientEvents.ConversationMessage, message);
    public static ClientEvent ConversationNote(ConversationNote note) => new(ClientEvents.ConversationNote, note);
    public static ClientEvent InboxCounts(InboxCounts counts) => new(ClientEvents.InboxCounts, counts);
    public static ClientEvent SlaBoard(SlaBoard board) => new(ClientEvents.SlaBoard, board);
}
