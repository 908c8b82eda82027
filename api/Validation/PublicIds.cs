using System.Buffers.Text;
using System.Security.Cryptography;

namespace Engagement.Api.Validation;

/// <summary>
/// New public ids: a type prefix plus 128 random bits in base64url (22 characters), so ids are unguessable,
/// URL-safe and within the id rule of <see cref="InputRules.Id"/>.
/// </summary>
public static class PublicIds
{
    public const string VisitorPrefix = "v_";
    public const string SessionPrefix = "s_";
    public const string AgentPrefix = "a_";

    public static string NewVisitorId() => VisitorPrefix + Random128();

    public static string NewSessionId() => SessionPrefix + Random128();

    public static string NewAgentId() => AgentPrefix + Random128();

    /// <summary>True for the ids <see cref="NewVisitorId"/> makes: anonymous visitors not yet identified.</summary>
    public static bool IsAnonymousVisitor(string customerId) => customerId.StartsWith(VisitorPrefix, StringComparison.Ordinal);

    private static string Random128() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}
