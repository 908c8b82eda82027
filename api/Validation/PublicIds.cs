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

    public static string NewAgentId() => Ids.New(AgentPrefix);

    /// <summary>True for the ids <see cref="NewVisitorId"/> makes: anonymous visitors not yet identified.</summary>
    public static bool IsAnonymousVisitor(string customerId) => customerId.StartsWith(VisitorPrefix, StringComparison.Ordinal);
}
