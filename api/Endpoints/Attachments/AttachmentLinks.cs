using System.Security.Cryptography;
using System.Text;
using Engagement.Api.Auth;
using Microsoft.AspNetCore.WebUtilities;

namespace Engagement.Api.Endpoints.Attachments;

/// <summary>
/// Short-lived signed URLs to attachment bytes (docs/protocol.md, Attachments): <c>/files/{id}?expires=&amp;sig=</c>,
/// HMAC-SHA256 over the id and the expiry. The key is derived (HKDF) from the token signing key, so every node of a
/// cluster signs and checks alike with no secret of its own to configure, and a link is no token.
/// </summary>
public sealed class AttachmentLinks
{
    /// <summary>How long a link works.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly byte[] key;
    private readonly TimeProvider clock;

    public AttachmentLinks(SigningKeys keys, TimeProvider clock)
    {
        key = HKDF.DeriveKey(HashAlgorithmName.SHA256, keys.Key.Key, 32, info: "engagement attachment links"u8.ToArray());
        this.clock = clock;
    }

    public AttachmentLink For(AttachmentView file)
    {
        var expires = clock.GetUtcNow().Add(Lifetime);
        var seconds = expires.ToUnixTimeSeconds();
        return new AttachmentLink(file, $"/files/{file.AttachmentId}?expires={seconds}&sig={Signature(file.AttachmentId, seconds)}",
            DateTimeOffset.FromUnixTimeSeconds(seconds));
    }

    /// <summary>Whether <paramref name="signature"/> is this server's for the id and expiry, and the expiry is still ahead.</summary>
    public bool IsValid(string attachmentId, long expires, string? signature)
    {
        if (signature is null || expires < clock.GetUtcNow().ToUnixTimeSeconds()) return false;
        byte[] given;
        try
        {
            given = WebEncoders.Base64UrlDecode(signature);
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(given, Mac(attachmentId, expires));
    }

    /// <summary>Seconds until a link of this expiry stops working (0 once it has): how long a client may cache what it served.</summary>
    public long SecondsLeft(long expires) => Math.Max(0, expires - clock.GetUtcNow().ToUnixTimeSeconds());

    private string Signature(string attachmentId, long expires) => WebEncoders.Base64UrlEncode(Mac(attachmentId, expires));

    private byte[] Mac(string attachmentId, long expires) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{attachmentId}\n{expires}"));
}
