namespace Engagement.Tenant;

/// <summary>The visitor widget's appearance and texts (one grain, <see cref="GrainKeys.WidgetSettings"/>).</summary>
[GrainType("widget-settings")]
internal sealed class WidgetSettingsGrain(
    [PersistentState("widget-settings", "store")] IPersistentState<WidgetSettingsState> state) : Grain, IWidgetSettingsGrain
{
    public Task<WidgetSettings> Get() => Task.FromResult(state.State.Settings ?? WidgetSettings.Default);

    public async Task<WidgetSettings> Set(WidgetSettings settings)
    {
        if (state.State.Settings == settings) return settings;
        state.State.Settings = settings;
        await state.WriteStateAsync();
        return settings;
    }
}
