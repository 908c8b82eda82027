namespace Engagement.Sessions;

/// <summary>Session housekeeping, bound from "Engagement:Sessions".</summary>
public sealed class SessionOptions : ISettings<SessionOptions>
{
    public const string Section = "Engagement:Sessions";

    /// <summary>
    /// A session left in wrap-up this long is closed by the system, freeing the agent's capacity. Kept by a
    /// durable reminder, so it happens even if every silo restarts in between.
    /// </summary>
    public TimeSpan WrapUpTimeout { get; set; } = TimeSpan.FromMinutes(10);

    static string ISettings<SessionOptions>.Section => Section;

    public void Check(SettingsCheck check) => check
        .Positive(nameof(WrapUpTimeout), WrapUpTimeout);
}
