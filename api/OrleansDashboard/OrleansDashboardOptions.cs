namespace Engagement.Api.OrleansDashboard;

/// <summary>
/// The Orleans dashboard (docs/operations.md, "The Orleans dashboard"), bound from "Engagement:OrleansDashboard".
/// Off by default: when on, every silo samples its counters and times every grain call it profiles, whether or not
/// anyone is looking, and the page shows the cluster's inside (grain types, silo addresses).
/// </summary>
public sealed class OrleansDashboardOptions : ISettings<OrleansDashboardOptions>
{
    public const string Section = "Engagement:OrleansDashboard";

    /// <summary>Where the silo serves the dashboard.</summary>
    public const string Path = "/orleans-dashboard";

    /// <summary>Whether the silos collect the dashboard's statistics and serve it at <see cref="Path"/>.</summary>
    public bool Enabled { get; set; }

    /// <summary>How often each silo samples its counters for the dashboard (the package's own floor is one second).</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the dashboard's sign-in cookie lasts (never longer than the token it was opened with).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(1);

    static string ISettings<OrleansDashboardOptions>.Section => Section;

    public void Check(SettingsCheck check) => check
        .That(SampleInterval >= TimeSpan.FromSeconds(1) && SampleInterval <= TimeSpan.FromMinutes(1), nameof(SampleInterval),
            $"must be from 00:00:01 to 00:01:00 (it is {SampleInterval}).")
        .Positive(nameof(SessionLifetime), SessionLifetime);
}
