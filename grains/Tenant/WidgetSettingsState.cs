namespace Engagement.Tenant;

/// <summary>Persisted widget settings; null until an admin saves them.</summary>
[GenerateSerializer, Alias("engagement.widget-settings-state")]
public sealed class WidgetSettingsState
{
    [Id(0)] public WidgetSettings? Settings { get; set; }
}
