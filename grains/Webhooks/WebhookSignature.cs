using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Engagement.Webhooks;

/// <summary>The request headers of a delivery (docs/webhooks.md, Headers).</summary>
public static class WebhookHeaders
{
    /// <summary>The event's id: the idempotency id, the same on every attempt and replay.</summary>
    public const string EventId = "Engagement-Event-Id";
    public const string EventType = "Engagement-Event-Type";
    /// <summary>Unix time in seconds when this attempt was signed; part of the signed text.</summary>
    public const string Timestamp = "Engagement-Timestamp";
    public const string Signature = "Engagement-Signature";
    public const string DeliveryId = "Engagement-Delivery-Id";
    public const string Attempt = "Engagement-Attempt";
}

/// <summary>
/// The signature receivers verify: HMAC-SHA256 keyed with the UTF-8 bytes of the subscription's secret, over the
/// UTF-8 text "{timestamp}.{body}" (the <see cref="WebhookHeaders.Timestamp"/> value, a dot, the body's bytes as
/// sent), as lowercase hex, in the header as "v1=&lt;hex&gt;". During a secret rotation a second "v1=&lt;hex&gt;" made
/// with the previous secret follows after a comma; a receiver accepts the request if any one matches.
/// </summary>
public static class WebhookSignature
{
    public const string Version = "v1";
    private const string SecretPrefix = "whsec_";

    /// <summary>A new secret: "whsec_" and 32 random bytes, base64url. The whole string is the key.</summary>
    public static string NewSecret() =>
        SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The lowercase hex HMAC-SHA256 of "{timestamp}.{body}" with <paramref name="secret"/>.</summary>
    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        Span<byte> prefix = stackalloc byte[24];
        var written = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".", prefix);
        hmac.AppendData(prefix[..written]);
        hmac.AppendData(body);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary>The <see cref="WebhookHeaders.Signature"/> value: one signature, or two while a previous secret still signs.</summary>
    public static string Header(string secret, string? previousSecret, long timestamp, ReadOnlySpan<byte> body)
    {
        var current = $"{Version}={Compute(secret, timestamp, body)}";
        return previousSecret is null ? current : $"{current},{Version}={Compute(previousSecret, timestamp, body)}";
    }
}
