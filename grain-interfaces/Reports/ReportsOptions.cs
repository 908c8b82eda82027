namespace Engagement;

/// <summary>Historical reports' settings, bound from "Engagement:Reports".</summary>
public sealed class ReportsOptions
{
    public const string Section = "Engagement:Reports";

    /// <summary>
    /// The site's time zone (an IANA id): reports cut hours and days, and name "today", "yesterday" and "the last 7 days",
    /// in it. Checked at start. Unset: UTC.
    /// </summary>
    public string TimeZone { get; set; } = "UTC";
}
