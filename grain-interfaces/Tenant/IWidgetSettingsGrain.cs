namespace Engagement;

/// <summary>The visitor widget's appearance and texts. Key: <see cref="GrainKeys.WidgetSettings"/>.</summary>
[Alias("engagement.IWidgetSettingsGrain")]
public interface IWidgetSettingsGrain : IGrainWithStringKey
{
    /// <summary>The settings; <see cref="WidgetSettings.Default"/> until an admin saves some.</summary>
    [Alias("get"), ReadOnly]
    Task<WidgetSettings> Get();

    /// <summary>Replaces the settings (validated by the caller, the REST API) and returns them.</summary>
    [Alias("set")]
    Task<WidgetSettings> Set(WidgetSettings settings);
}
