namespace Engagement.Customers;

/// <summary>
/// The customer's conversations: which one a new live chat or a left message continues (the newest, while it is
/// unresolved and in the same queue), the messages left while nobody could answer, and the live updates of every
/// conversation on the customer's tabs. The customer awaits its conversations; they only notify it one-way.
/// </summary>
internal sealed partial class CustomerGrain
{
    /// <summary>Conversations listed for the customer (the newest ones).</summary>
    private const int ListedConversations = 20;

    public async Task<ConversationPost> LeaveMessage(LeaveMessageRequest request)
    {
        if (!S.Exists) throw EngagementException.NotFound($"Customer '{Id}'");
        var name = request.Name ?? S.Attributes.GetValueOrDefault("name");
        S.Attributes["email"] = request.Email;
        if (request.Name is not null) S.Attributes["name"] = request.Name;
        S.LastSeen = Now;
        var conversationId = ContinuedConversation(request.QueueId);
        var isNew = conversationId is null;
        conversationId ??= Track(ConversationIds.New(), request.QueueId);
        await SaveAsync();
        var conversation = GrainFactory.GetConversation(conversationId);
        if (isNew) await conversation.Create(new NewConversation(Id, request.QueueId, ConversationChannels.Web, null, name, request.Email));
        else await conversation.ContactDetails(name, request.Email);
        return await conversation.Post(Caller.Visitor(Id, name), request.ClientMessageId, request.Text);
    }

    public async Task<ConversationView[]> Conversations()
    {
        var me = Caller.Visitor(Id);
        var views = await Task.WhenAll(S.ConversationIds.TakeLast(ListedConversations).Select(async id =>
        {
            try { return await GrainFactory.GetConversation(id).Get(me); }
            catch (EngagementException e) when (e.Code == ErrorCodes.NotFound) { return null; }
        }));
        return [.. views.OfType<ConversationView>().OrderByDescending(v => v.LastActivityAt)];
    }

    public Task ConversationChanged(ConversationView conversation)
    {
        if (conversation.ConversationId == S.CurrentConversationId)
            S.CurrentConversationUnresolved = conversation.Status != ConversationStatus.Resolved;
        _live.Push(ClientEvent.Conversation(conversation));
        return Task.CompletedTask;
    }

    public Task ConversationMessage(ChatMessage message)
    {
        // A reply of the team reaches a customer who is not on the site by email (if the conversation has an address).
        if (_live.Push(ClientEvent.ConversationMessage(message)) == 0 && message is { Kind: MessageKind.Text, SenderRole: ParticipantRole.Agent })
            GrainFactory.GetConversation(message.SessionId).DeliverByEmail(message.Seq).Ignore();
        return Task.CompletedTask;
    }

    public async Task EmailTranscript(string sessionId, string email)
    {
        if (!S.SessionConversations.TryGetValue(sessionId, out var conversationId)) throw EngagementException.NotFound($"Session '{sessionId}'");
        await GrainFactory.GetConversation(conversationId).EmailTranscript(Caller.Visitor(Id), sessionId, email);
    }

    public Task SessionChanged(string sessionId)
    {
        if (S.SessionConversations.TryGetValue(sessionId, out var conversationId))
            GrainFactory.GetConversation(conversationId).EpisodeChanged(sessionId).Ignore();
        return Task.CompletedTask;
    }

    /// <summary>
    /// A live chat started: it becomes an episode of the current conversation, or of a new one. When the customer has a
    /// name or email address (a pre-chat form's answers), the conversation carries them from the start, so the inbox
    /// names the contact: a new one is created with them before the chat joins it. The caller writes the state.
    /// </summary>
    private async Task AttachEpisodeAsync(string sessionId, string queueId)
    {
        if (S.SessionConversations.ContainsKey(sessionId)) return;
        var continued = ContinuedConversation(queueId);
        var conversationId = continued ?? Track(ConversationIds.New(), queueId);
        S.SessionConversations[sessionId] = conversationId;
        var conversation = GrainFactory.GetConversation(conversationId);
        var (name, email) = (S.Attributes.GetValueOrDefault("name"), S.Attributes.GetValueOrDefault("email"));
        try
        {
            if (name is not null || email is not null)
            {
                if (continued is not null) await conversation.ContactDetails(name, email);
                else if (await GrainFactory.GetSession(sessionId).Summary() is { } summary)
                    await conversation.Create(new NewConversation(Id, queueId, summary.Channel, summary.Topic, name, email));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The name on the conversation is for display: without it the chat still joins (EpisodeStarted creates it).
        }
        conversation.EpisodeStarted(sessionId).Ignore();
    }

    private string? ContinuedConversation(string queueId) =>
        S.CurrentConversationUnresolved && S.CurrentConversationQueueId == queueId ? S.CurrentConversationId : null;

    private string Track(string conversationId, string queueId)
    {
        S.ConversationIds.Add(conversationId);
        S.CurrentConversationId = conversationId;
        S.CurrentConversationQueueId = queueId;
        S.CurrentConversationUnresolved = true;
        return conversationId;
    }
}
