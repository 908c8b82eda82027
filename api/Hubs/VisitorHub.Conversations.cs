using Engagement.Api.Validation;

namespace Engagement.Api.Hubs;

/// <summary>
/// The visitor's lasting conversations (docs/protocol.md, Conversations): a message left while nobody can answer,
/// the list of their conversations with replies, one conversation's thread, and writing into it again.
/// </summary>
public sealed partial class VisitorHub
{
    /// <summary>
    /// Leaves a message for the queue's team; the reply comes here or, if the visitor is away, by email. The queue's
    /// pre-chat form is checked first, and its answers become the contact's attributes.
    /// </summary>
    public async Task<ConversationPost> LeaveMessage(LeaveMessageRequest request)
    {
        if (request is null) throw new InputException("request", "request is required.");
        var valid = new LeaveMessageRequest(
            InputRules.Id(request.QueueId, "queueId"),
            InputRules.OptionalText(request.Name, Limits.Name, "name"),
            InputRules.Email(request.Email),
            InputRules.MessageText(request.Text),
            InputRules.ClientMessageId(request.ClientMessageId));
        var definition = await Grains.GetQueue(valid.QueueId).GetDefinition() ?? throw EngagementException.NotFound($"Queue '{valid.QueueId}'");
        // The form's name and email are the request's own fields (a message always needs an address); the customer stores those two.
        var answers = new Dictionary<string, string?>(request.Form ?? [], StringComparer.Ordinal);
        if (definition.PreChatForm is { } form)
        {
            if (form.Name != PreChatAsk.Hidden) answers[PreChatAnswers.NameKey] = valid.Name;
            if (form.Email != PreChatAsk.Hidden) answers[PreChatAnswers.EmailKey] = valid.Email;
        }
        var customer = Grains.GetCustomer(CurrentCaller.Id);
        var attributes = PreChatAnswers.Check(definition.PreChatForm, answers, clock.GetUtcNow());
        attributes.Remove(PreChatAnswers.NameKey);
        attributes.Remove(PreChatAnswers.EmailKey);
        if (attributes.Count > 0) await customer.SetAttributes(attributes);
        return await customer.LeaveMessage(valid);
    }

    /// <summary>Emails the transcript of one of the visitor's chats to <paramref name="email"/> (at most three times per chat).</summary>
    public Task EmailTranscript(string sessionId, string email) =>
        Grains.GetCustomer(CurrentCaller.Id).EmailTranscript(InputRules.Id(sessionId, nameof(sessionId)), InputRules.Email(email));

    /// <summary>The visitor's conversations, newest activity first.</summary>
    public Task<ConversationView[]> GetConversations() => Grains.GetCustomer(CurrentCaller.Id).Conversations();

    /// <summary>One of the visitor's conversations with its messages, live chats included.</summary>
    public Task<ConversationThread> GetConversation(string conversationId) =>
        Grains.GetConversation(InputRules.Id(conversationId, nameof(conversationId))).Thread(CurrentCaller);

    /// <summary>Writes into one of the visitor's conversations; a resolved or waiting conversation opens again.</summary>
    public Task<ConversationPost> SendConversationMessage(string conversationId, string? clientMessageId, string text)
    {
        InputRules.Id(conversationId, nameof(conversationId));
        return Grains.GetConversation(conversationId).Post(CurrentCaller, InputRules.ClientMessageId(clientMessageId), InputRules.MessageText(text));
    }

    /// <summary>Writes into one of the visitor's conversations with files uploaded into it; the text may be empty.</summary>
    public async Task<ConversationPost> SendConversationAttachments(string conversationId, string? clientMessageId, string text, string[] attachmentIds)
    {
        InputRules.Id(conversationId, nameof(conversationId));
        var id = InputRules.ClientMessageId(clientMessageId);
        var (body, ids) = InputRules.MessageWithFiles(text, attachmentIds);
        var files = await Attachments.ForMessageAsync(conversationId, CurrentCaller.Id, ids);
        return await Grains.GetConversation(conversationId).Post(CurrentCaller, id, body, files);
    }
}
