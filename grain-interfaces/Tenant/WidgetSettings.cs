namespace Engagement;

/// <summary>
/// How the visitor widget looks and what it says, set by an admin. A null value (and the default, which is all null
/// and <see cref="PositionRight"/>) means "the widget's own default": the default texts live in the widget alone
/// (web/src/widget/appearance.ts), so a site that never sets them sees what it always saw.
/// </summary>
[GenerateSerializer, Immutable, Alias("engagement.widget-settings")]
public sealed record WidgetSettings(
    [property: Id(0)] string? BrandColor,
    [property: Id(1)] string Position,
    [property: Id(2)] string? HeaderName,
    [property: Id(3)] string? GreetingTitle,
    [property: Id(4)] string? GreetingText,
    [property: Id(5)] string? StartLabel,
    [property: Id(6)] string? OfflineText,
    [property: Id(7)] string? ClosedText)
{
    public const string PositionRight = "right";
    public const string PositionLeft = "left";

    /// <summary>Nothing set: the widget as it ships.</summary>
    public static readonly WidgetSettings Default = new(null, PositionRight, null, null, null, null, null, null);
}
