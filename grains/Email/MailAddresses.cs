using System.Security.Cryptography;

namespace Engagement.Email;

/// <summary>A conversation's reply token: the plus-part of the Reply-To address that threads a reply back to it.</summary>
public static class ReplyToken
{
    /// <summary>Lower-case base32 (RFC 4648 letters and digits), so a relay that folds the case of a local part changes nothing.</summary>
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>20 characters, 100 random bits: a reply address cannot be guessed.</summary>
    public const int Length = 20;

    public const int MinLength = 8;
    public const int MaxLength = 40;

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>True for 8-40 lower-case ASCII letters and digits (tokens made elsewhere must keep to that too).</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: >= MinLength and <= MaxLength } && token.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));
}

/// <summary>
/// The addresses and Message-IDs the channel writes and reads back: <c>{local}+{token}@{domain}</c> for replies,
/// <c>{local}+bounce.{mailId}@{domain}</c> as the envelope sender (so a bounce names the mail it is about), and
/// <c>{mailId}@{domain}</c> as Message-ID.
/// </summary>
public static class MailAddresses
{
    public const int MaxMailIdLength = 40;
    private const string BounceTagPrefix = "bounce.";

    /// <summary>1-40 of letters, digits, '-' and '_': safe in a Message-ID and in the plus-part of an address.</summary>
    public static bool IsValidMailId(string? id) =>
        id is { Length: >= 1 and <= MaxMailIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static string MessageId(string mailId, string domain) => $"{mailId}@{domain}";

    public static string ReplyAddress(string queueAddress, string token) => Tagged(queueAddress, token);

    public static string BounceAddress(string queueAddress, string mailId) => Tagged(queueAddress, BounceTagPrefix + mailId);

    /// <summary>Splits <c>local@domain</c> at the last '@'; the domain comes back lower case.</summary>
    public static bool TrySplit(string? address, out string local, out string domain)
    {
        (local, domain) = ("", "");
        if (string.IsNullOrEmpty(address)) return false;
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1) return false;
        (local, domain) = (address[..at], address[(at + 1)..].ToLowerInvariant());
        return true;
    }

    /// <summary>The plus-part of an address's local part (<c>support+abc@…</c> gives <c>abc</c>), or null.</summary>
    public static string? PlusTag(string address)
    {
        if (!TrySplit(address, out var local, out _)) return null;
        var plus = local.IndexOf('+');
        return plus < 0 || plus == local.Length - 1 ? null : local[(plus + 1)..];
    }

    /// <summary>The address without its plus-part: <c>support+abc@example.com</c> gives <c>support@example.com</c>.</summary>
    public static string WithoutTag(string address)
    {
        if (!TrySplit(address, out var local, out var domain)) return address;
        var plus = local.IndexOf('+');
        return (plus < 0 ? local : local[..plus]) + "@" + domain;
    }

    /// <summary>The reply token in a plus-part, lower-cased, when it has a token's shape.</summary>
    public static string? TokenOf(string address) =>
        PlusTag(address)?.ToLowerInvariant() is { } tag && ReplyToken.IsWellFormed(tag) ? tag : null;

    /// <summary>The mail id in a bounce address's plus-part (<c>support+bounce.{id}@…</c>).</summary>
    public static string? BouncedMailIdOf(string address) =>
        PlusTag(address) is { } tag && tag.StartsWith(BounceTagPrefix, StringComparison.OrdinalIgnoreCase)
            && tag[BounceTagPrefix.Length..] is var id && IsValidMailId(id) ? id : null;

    private static string Tagged(string address, string tag)
    {
        if (!TrySplit(address, out var local, out var domain))
            throw new ArgumentException($"'{address}' is not an address.", nameof(address));
        var plus = local.IndexOf('+');
        return $"{(plus < 0 ? local : local[..plus])}+{tag}@{domain}";
    }
}
