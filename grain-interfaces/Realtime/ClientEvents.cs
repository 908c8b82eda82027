namespace Engagement;

/// <summary>Names of the events clients receive (documented in docs/protocol.md).</summary>
public static class ClientEvents
{
    public const string Message = "message";
    public const string Session = "session";
    public const string QueuePosition = "queuePosition";
    public const string Offer = "offer";
    public const string OfferRevoked = "offerRevoked";
    public const string AgentStatus = "agentStatus";
    public const string Typing = "typing";
    public const string CustomerPresence = "customerPresence";
    public const string CustomerContext = "customerContext";
    public const string Read = "read";
    public const string Note = "note";
    public const string Invitation = "invitation";
    public const string DirectoryPresence = "directoryPresence";
    public const string SiteVisitor = "siteVisitor";
    public const string SiteVisitorLeft = "siteVisitorLeft";
    public const string VisitorAlert = "visitorAlert";
    public const string Dashboard = "dashboard";
    public const string Representative = "representative";
    public const string Call = "call";
    public const string CallTrack = "callTrack";
    public const string Reconnect = "reconnect";
    public const string Conversation = "conversation";
    public const string ConversationMessage = "conversationMessage";
    public const string ConversationNote = "conversationNote";
    public const string InboxCounts = "inboxCounts";
    public const string QueueWaiting = "queueWaiting";
    public const string SlaBoard = "slaBoard";
}
