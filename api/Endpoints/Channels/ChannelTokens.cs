using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Engagement.Api.Endpoints.Channels;

/// <summary>
/// An API channel's secret: "ct_" plus 43 URL-safe random characters (256 bits), sent in the <see cref="Header"/>
/// header. Only its SHA-256 is stored; it is compared in constant time.
/// </summary>
internal static class ChannelTokens
{
    public const string Header = "X-Channel-Token";

    public static string New() => "ct_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>
    /// The channel (not_found if there is none by that id), when the request carries its token; null when the token
    /// is missing or wrong. The caller has checked the id.
    /// </summary>
    public static async Task<ApiChannel?> AuthenticateAsync(HttpContext http, IGrainFactory grains, string channelId)
    {
        var channel = await grains.GetApiChannels().Get(channelId) ?? throw EngagementException.NotFound($"API channel '{channelId}'");
        var presented = http.Request.Headers[Header].ToString();
        return presented.Length > 0 && CryptographicOperations.FixedTimeEquals(Hash(presented), channel.TokenHash) ? channel : null;
    }

    public const string Missing = $"A valid {Header} header for this channel is required (docs/protocol.md, API channels).";
}
