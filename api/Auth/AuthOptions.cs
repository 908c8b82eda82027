namespace Engagement.Api.Auth;

/// <summary>Token and identity settings, bound from "Engagement:Auth".</summary>
public sealed class AuthOptions
{
    public const string Section = "Engagement:Auth";

    /// <summary>Tokens are signed with at least this many bytes of key (HMAC-SHA256 wants 32).</summary>
    public const int MinimumSecretBytes = 32;

    /// <summary>
    /// The HMAC-SHA256 key that signs every token, as text (its UTF-8 bytes are the key). Required outside
    /// Development; every silo of a cluster must share it, or tokens from one node fail on another.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// The site's identity secret: the company's own server signs its customer ids with it
    /// (hex HMAC-SHA256 of the id) so a visitor can prove who it is. Without it, identify is disabled.
    /// </summary>
    public string? IdentitySecret { get; set; }

    /// <summary>How long a visitor token lasts; the widget keeps it in the browser.</summary>
    public TimeSpan VisitorTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a staff token lasts: about one working day.</summary>
    public TimeSpan StaffTokenLifetime { get; set; } = TimeSpan.FromHours(12);
}
