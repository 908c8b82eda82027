namespace Engagement.Api.Drain;

/// <summary>How a node leaves gracefully (SIGTERM or POST /api/admin/drain). Section "Engagement:Drain".</summary>
public sealed class DrainOptions : ISettings<DrainOptions>
{
    public const string Section = "Engagement:Drain";

    /// <summary>How long clients get to move to another node before the connections still here are closed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Clients spread their reconnects over this window (each waits a random part of it), so the survivors are not hit at once.</summary>
    public TimeSpan Spread { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// What Orleans gets after the drain to hand off or deactivate its grains and leave the cluster; the host's
    /// shutdown timeout is the drain timeout plus this.
    /// </summary>
    public TimeSpan HandOff { get; set; } = TimeSpan.FromSeconds(20);

    static string ISettings<DrainOptions>.Section => Section;

    public void Check(SettingsCheck check) => check
        .Positive(nameof(Timeout), Timeout)
        .NotNegative(nameof(Spread), Spread)
        .Positive(nameof(HandOff), HandOff);
}
