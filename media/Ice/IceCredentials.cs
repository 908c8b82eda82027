using System.Security.Cryptography;

namespace Engagement.Media.Ice;

/// <summary>ICE ufrag and password (RFC 8445 §5.3: at least 24 and 128 bits of randomness, ice-chars only).</summary>
internal sealed record IceCredentials(string Ufrag, string Password)
{
    private const string IceChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static IceCredentials Generate() => new(RandomString(8), RandomString(24));

    private static string RandomString(int length) => RandomNumberGenerator.GetString(IceChars, length);
}
