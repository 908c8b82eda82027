using System.Security.Cryptography;

namespace Engagement;

/// <summary>Public ids: 1–64 characters of ASCII letters, digits, '_' and '-'; new ids are random and url-safe.</summary>
public static class Ids
{
    public const int MaxLength = Limits.Id;
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    public static bool IsValid(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>A new random id: the prefix plus 22 base-36 characters (about 113 bits).</summary>
    public static string New(string prefix) => prefix + RandomNumberGenerator.GetString(Alphabet, 22);
}
