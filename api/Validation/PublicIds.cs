namespace Engagement.Api.Validation;

/// <summary>
/// New public ids: a type prefix plus <see cref="Ids.New"/>'s random base-36 tail, so ids are unguessable,
/// URL-safe and within the id rule of <see cref="InputRules.Id"/>.
/// </summary>
public static class PublicIds
{
    public const string VisitorPrefix = "v_";
    public const string SessionPrefix = "s_";
    public const string AgentPrefix = "a_";

    public static string NewVisitorId() => Ids.New(VisitorPrefix);

    public static string NewSessionId() => Ids.New(SessionPrefix);

    /// <summary>
    /// The session a visitor's StartSession with a request id creates: the same (customer, request id) always
    /// names the same session, so a repeated request finds the first one. Unguessable in practice (a hash), and
    /// a session is only reachable by its own customer anyway.
    /// </summary>
    public static string SessionIdFor(string customerId, string requestId) => Ids.Derived(SessionPrefix, customerId, requestId);

    /// <summary>
    /// The conversation an API channel's create with a message id makes: the same (channel, contact, message id)
    /// always names the same conversation, so a retried create finds the first one.
    /// </summary>
    public static string ConversationIdFor(string channelId, string contactId, string messageId) =>
        Ids.Derived(ConversationIds.Prefix, channelId + "\n" + contactId, messageId);


    public static string NewAgentId() => Ids.New(AgentPrefix);

    /// <summary>True for the ids <see cref="NewVisitorId"/> makes: anonymous visitors not yet identified.</summary>
    public static bool IsAnonymousVisitor(string customerId) => customerId.StartsWith(VisitorPrefix, StringComparison.Ordinal);
}
