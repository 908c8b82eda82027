namespace Engagement.Api.Endpoints.Widget;

/// <summary>The widget settings to save; a text left out or blank is the widget's own default.</summary>
public sealed record WidgetSettingsRequest(
    string? BrandColor, string? Position, string? HeaderName, string? GreetingTitle, string? GreetingText,
    string? StartLabel, string? OfflineText, string? ClosedText);
