namespace Engagement.Dashboard;

/// <summary>The supervisor dashboard's settings, bound from "Engagement:Stats".</summary>
public sealed class StatsOptions : ISettings<StatsOptions>
{
    public const string Section = "Engagement:Stats";

    public static readonly string[] DefaultConversionOutcomes = ["lead", "sale"];

    /// <summary>Session outcomes that count as conversions (case-insensitive). Unset: "lead" and "sale".</summary>
    public string[]? ConversionOutcomes { get; set; }

    /// <summary>The dashboard is pushed at most this often while figures change.</summary>
    public TimeSpan PushInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Counters are written to storage at most this often while they change.</summary>
    public TimeSpan WriteInterval { get; set; } = TimeSpan.FromSeconds(1);

    public string[] EffectiveConversionOutcomes => ConversionOutcomes is { Length: > 0 } configured ? configured : DefaultConversionOutcomes;

    static string ISettings<StatsOptions>.Section => Section;

    public void Check(SettingsCheck check) => check
        .Positive(nameof(PushInterval), PushInterval)
        .Positive(nameof(WriteInterval), WriteInterval);
}
