namespace Engagement;

/// <summary>
/// One lasting conversation with a contact (docs/protocol.md, Conversations): status, assignment, labels, its own
/// transcript (messages left, mailed or posted outside a live chat, and status events) and its live chat sessions as
/// episodes. Key: <see cref="GrainKeys.Conversation"/>. Visitors reach only their own conversations; staff reach
/// those of their queues, or assigned to them; supervisors and admins reach all.
/// </summary>
[Alias("engagement.IConversationGrain")]
public interface IConversationGrain : IGrainWithStringKey
{
    /// <summary>Creates the conversation; repeating it with the same contact returns it unchanged. Conflict for another contact.</summary>
    [Alias("create")]
    Task<ConversationView> Create(NewConversation request);

    /// <summary>The conversation as the caller may see it; not_found for anyone else.</summary>
    [Alias("get"), ReadOnly]
    Task<ConversationView> Get(Caller caller);

    /// <summary>The conversation with the newest <see cref="Limits.ThreadMessages"/> of its messages, episodes included.</summary>
    [Alias("thread"), ReadOnly]
    Task<ConversationThread> Thread(Caller caller);

    /// <summary>
    /// The conversation with every message of its own transcript and its episodes, oldest first, and for staff its
    /// private notes (for export; the contact gets no notes).
    /// </summary>
    [Alias("export"), ReadOnly]
    Task<ConversationExport> Export(Caller caller);

    /// <summary>
    /// A message into the conversation's own transcript. From its contact (or the system on the contact's behalf, e.g.
    /// an email) it reopens the conversation; from staff it is a reply. Durable before it returns; the same
    /// <paramref name="clientMessageId"/> again returns the first acknowledgement and writes nothing.
    /// </summary>
    /// <param name="text">Already checked and trimmed by the caller (the API's input rules); may be empty with attachments.</param>
    /// <param name="attachments">Files sent with it, already checked by the caller to be the sender's uploads into this conversation.</param>
    [Alias("post")]
    Task<ConversationPost> Post(Caller caller, string? clientMessageId, string text, AttachmentView[]? attachments = null);

    /// <summary>A mail from the contact (or from whoever replied to its token): a customer message that reopens the conversation.</summary>
    [Alias("receive-email")]
    Task<ConversationPost> ReceiveEmail(IncomingEmail mail);

    /// <summary>
    /// The contact is not on the site: the team's reply <paramref name="seq"/> goes to them by email, if the
    /// conversation has their address and the server sends mail (from the customer grain, which knows presence).
    /// </summary>
    [OneWay, Alias("deliver-by-email")]
    Task DeliverByEmail(long seq);

    /// <summary>Sends the transcript of the chat <paramref name="sessionId"/> (an episode) to <paramref name="email"/>; for its contact.</summary>
    [Alias("email-transcript")]
    Task EmailTranscript(Caller caller, string sessionId, string email);

    /// <summary>Staff set the status; <paramref name="snoozedUntil"/> is required for snoozed and must be in the future.</summary>
    [Alias("set-status")]
    Task<ConversationView> SetStatus(Caller caller, ConversationStatus status, DateTimeOffset? snoozedUntil);

    /// <summary>Staff assign the conversation to an agent (who must serve its queue), or unassign it with null.</summary>
    [Alias("assign")]
    Task<ConversationView> Assign(Caller caller, string? agentId);

    /// <summary>Staff replace the labels (already normalized by the caller: lower case, unique).</summary>
    [Alias("set-labels")]
    Task<ConversationView> SetLabels(Caller caller, string[] labels);

    /// <summary>
    /// Staff add a private note (text already checked and trimmed by the caller): stored in the conversation's state
    /// and pushed to the staff watching its inbox, never to the contact. <c>forbidden</c> for the contact;
    /// <c>conflict</c> once it holds <see cref="Limits.Notes"/>.
    /// </summary>
    [Alias("add-note")]
    Task<ConversationNote> AddNote(Caller caller, string text);

    /// <summary>The private notes, oldest first; staff only (<c>forbidden</c> for the contact).</summary>
    [Alias("get-notes"), ReadOnly]
    Task<ConversationNote[]> GetNotes(Caller caller);

    /// <summary>The contact gave a name or an email address (from the customer grain): replies can reach them by email.</summary>
    [Alias("contact-details")]
    Task ContactDetails(string? name, string? email);

    /// <summary>The contact was merged into a known customer (identify): the conversation is theirs from now on.</summary>
    [Alias("reassign-contact")]
    Task ReassignContact(string contactId);

    /// <summary>
    /// Erases the conversation (docs/protocol.md, Erasure): its messages, the inbox's row, its mail and webhook
    /// deliveries, its state. Returns its chats for the caller (the contact's erasure) to erase. Idempotent.
    /// </summary>
    [Alias("erase")]
    Task<ConversationErased> Erase();

    /// <summary>A live chat session of the contact started inside this conversation (from the customer grain).</summary>
    [OneWay, Alias("episode-started")]
    Task EpisodeStarted(string sessionId);

    /// <summary>A live chat session of this conversation changed (assigned, closed, abandoned): the conversation follows it.</summary>
    [OneWay, Alias("episode-changed")]
    Task EpisodeChanged(string sessionId);
}
