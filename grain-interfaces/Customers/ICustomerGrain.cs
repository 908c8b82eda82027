namespace Engagement;

/// <summary>
/// A visitor or customer. An anonymous visitor gets an id on first contact; identify folds it into the
/// company's known customer. Holds attributes, the list of sessions and presence per channel, derived
/// from live connections (several tabs at once). Key: <see cref="GrainKeys.Customer"/>.
/// </summary>
[Alias("engagement.ICustomerGrain")]
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>Records first contact (idempotent) and returns the customer.</summary>
    [Alias("touch")]
    Task<CustomerView> Touch();

    /// <summary>
    /// A contact another channel brings (an email, an API channel): records first contact, and the name and email
    /// address as the attributes "name" and "email" when given (a name is cut to the attribute value limit).
    /// </summary>
    [Alias("note-contact")]
    Task<CustomerView> NoteContact(string? name, string? email);

    [Alias("get"), ReadOnly]
    Task<CustomerView> Get();

    /// <summary>The contact's attributes (empty for a customer not yet seen), for a queue's priority rules.</summary>
    [Alias("attributes"), ReadOnly]
    Task<Dictionary<string, string>> Attributes();

    /// <summary>Merges attributes (name, email, plan...). Values over the size limits are refused.</summary>
    [Alias("set-attributes")]
    Task<CustomerView> SetAttributes(Dictionary<string, string> attributes);

    /// <summary>
    /// Called on an anonymous visitor: links it to the known customer <paramref name="customerId"/>,
    /// merging its sessions and attributes there. Returns the known customer.
    /// </summary>
    [Alias("identify")]
    Task<CustomerView> Identify(string customerId, Dictionary<string, string> traits);

    /// <summary>Called on the known customer by <see cref="Identify"/>.</summary>
    [Alias("absorb")]
    Task<CustomerView> Absorb(VisitorMerge merge, Dictionary<string, string> traits);

    [Alias("connect")]
    Task<CustomerPresenceView> Connect(ConnectionRef connection, VisitorLocation location);

    /// <summary>A connection moved to another page, or its tab went to the background or came back.</summary>
    [Alias("update-location")]
    Task<CustomerPresenceView> UpdateLocation(string connectionId, VisitorLocation location);

    [Alias("disconnect")]
    Task Disconnect(string connectionId);

    /// <summary>
    /// The silo holding these tabs renews their leases, with the page each shows: unknown ones are added
    /// (this activation may be new), known ones stay alive for another <see cref="PresenceOptions.ConnectionTimeout"/>.
    /// </summary>
    [OneWay, Alias("renew")]
    Task Renew(VisitorLease[] leases);

    [Alias("get-presence"), ReadOnly]
    Task<CustomerPresenceView> GetPresence();

    /// <summary>
    /// A session for this customer was created; it receives presence changes until it ends, and it becomes an episode
    /// of the customer's current conversation in <paramref name="queueId"/> (or of a new one).
    /// </summary>
    [OneWay, Alias("session-started")]
    Task SessionStarted(string sessionId, string queueId);

    /// <summary>
    /// Applies context signals at once, ahead of the context stream that carries the same signals durably (one-way,
    /// best effort: the stream is what makes them survive a node, this only makes them fast). A signal applied
    /// before, by either path, changes nothing.
    /// </summary>
    [OneWay, Alias("apply-context")]
    Task ApplyContext(ContextSignal[] signals);

    /// <summary>The live context (identity and role, local time, location, weather, page trail, devices).</summary>
    [Alias("get-context"), ReadOnly]
    Task<CustomerContext> GetContext();

    /// <summary>History across sessions and channels, newest first.</summary>
    [Alias("get-history"), ReadOnly]
    Task<HistoryEntry[]> GetHistory();

    /// <summary>
    /// Shows an invitation to chat on the customer's connections and returns it as sent: its expiry is at most the
    /// configured invitation lifetime from now. Null when nobody is on the site.
    /// </summary>
    [Alias("invite")]
    Task<Invitation?> Invite(Invitation invitation);

    /// <summary>The visitor answers an invitation. Returns it when it is still valid (so a session can start), else null.</summary>
    [Alias("answer-invitation")]
    Task<Invitation?> AnswerInvitation(string invitationId, bool accept);

    /// <summary>A session of this customer closed or was abandoned.</summary>
    [OneWay, Alias("session-ended")]
    Task SessionEnded(string sessionId);

    /// <summary>A session of this customer was answered: its conversation follows the assignee.</summary>
    [OneWay, Alias("session-changed")]
    Task SessionChanged(string sessionId);

    // ---- conversations (docs/protocol.md, Conversations) ----

    /// <summary>
    /// The visitor leaves a message while nobody can answer: it continues the current unresolved conversation in
    /// that queue, or starts one, and the name and email become the contact's attributes. Idempotent per client message id.
    /// </summary>
    [Alias("leave-message")]
    Task<ConversationPost> LeaveMessage(LeaveMessageRequest request);

    /// <summary>The customer's conversations, newest activity first, as the customer sees them.</summary>
    [Alias("conversations")]
    Task<ConversationView[]> Conversations();

    /// <summary>
    /// Erases the contact and everything about them (docs/protocol.md, Erasure): their sessions, conversations (also
    /// those from email and API channels), mail, webhook deliveries, context and the visitors merged into them.
    /// The customer's own state goes last, so an erasure that failed midway is finished by asking again; once it is
    /// done the customer is not_found.
    /// </summary>
    [Alias("erase")]
    Task<ErasureReport> Erase();

    /// <summary>Sends the transcript of the customer's chat <paramref name="sessionId"/> to <paramref name="email"/> (checked by the API).</summary>
    [Alias("email-transcript")]
    Task EmailTranscript(string sessionId, string email);

    /// <summary>One of the customer's conversations changed: shown on the customer's tabs.</summary>
    [OneWay, Alias("conversation-changed")]
    Task ConversationChanged(ConversationView conversation);

    /// <summary>A message was stored in one of the customer's conversations: shown on the customer's tabs.</summary>
    [OneWay, Alias("conversation-message")]
    Task ConversationMessage(ChatMessage message);
}
