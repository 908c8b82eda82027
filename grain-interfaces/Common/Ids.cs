using System.Security.Cryptography;

namespace Engagement;

/// <summary>Public ids: 1–64 characters of ASCII letters, digits, '_' and '-'; new ids are random and url-safe.</summary>
public static class Ids
{
    public const int MaxLength = Limits.Id;
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    public static bool IsValid(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>
    /// A derived id: the prefix plus 22 base-36 characters of SHA-256 over <paramref name="scope"/> and
    /// <paramref name="key"/>. The same parts always give the same id, so a retried create finds the first one.
    /// </summary>
    public static string Derived(string prefix, string scope, string key)
    {
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(scope + "\n" + key));
        var value = new System.Numerics.BigInteger(hash.AsSpan(0, 16), isUnsigned: true);
        var chars = new char[22];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[(int)(value % 36)];
            value /= 36;
        }
        return prefix + new string(chars);
    }

    /// <summary>A new random id: the prefix plus 22 base-36 characters (about 113 bits).</summary>
    public static string New(string prefix) => prefix + RandomNumberGenerator.GetString(Alphabet, 22);
}
