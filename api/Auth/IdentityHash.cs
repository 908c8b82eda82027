using System.Security.Cryptography;
using System.Text;

namespace Engagement.Api.Auth;

/// <summary>
/// Proof that the company's server vouches for a customer id: the hex HMAC-SHA256 of the id under the
/// site's identity secret. The widget passes it on identify; without the secret nobody can forge it.
/// </summary>
public static class IdentityHash
{
    /// <summary>What the company's server computes (lower-case hex, 64 characters).</summary>
    public static string Compute(string identitySecret, string customerId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(identitySecret), Encoding.UTF8.GetBytes(customerId)));

    /// <summary>True when <paramref name="userHash"/> is the hash of <paramref name="customerId"/> (hex in either case).</summary>
    public static bool Verify(string identitySecret, string customerId, string? userHash)
    {
        if (userHash is null || userHash.Length != 64)
        {
            return false;
        }

        byte[] presented;
        try
        {
            presented = Convert.FromHexString(userHash);
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(identitySecret), Encoding.UTF8.GetBytes(customerId));
        return CryptographicOperations.FixedTimeEquals(expected, presented);
    }
}
