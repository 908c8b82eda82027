namespace Engagement;

/// <summary>IANA time zone ids as context signals carry them ("Europe/Berlin"); checked the same way by the API and the grains.</summary>
public static class TimeZoneIds
{
    public const int MaxLength = Limits.TimeZone;

    private static readonly Lazy<bool> HasZoneDatabase = new(() => TimeZoneInfo.GetSystemTimeZones().Count > 1);

    /// <summary>
    /// True for an IANA id this machine knows (not a Windows id). A machine without a time zone database accepts
    /// any well-formed id ("Area/City"), so context still flows there.
    /// </summary>
    public static bool IsKnown([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > MaxLength) return false;
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)) return zone.HasIanaId;
        return !HasZoneDatabase.Value && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+');
    }
}
