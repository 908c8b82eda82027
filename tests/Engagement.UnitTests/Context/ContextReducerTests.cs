using Engagement.Context;
using Engagement.Customers;

namespace Engagement.UnitTests.Context;

public class ContextReducerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static ContextSignal Signal(ContextSignalKind kind, string name, DateTimeOffset at, params (string Key, string Value)[] values) =>
        new("cust-1", kind, name, values.ToDictionary(v => v.Key, v => v.Value), at, "api:test");

    [Fact]
    public void The_latest_reading_per_device_and_name_is_kept_and_a_late_older_one_is_ignored()
    {
        var state = new CustomerContextState();
        ContextReducer.Apply(state, Signal(ContextSignalKind.Device, "temperature", T0, ("value", "20"), ("deviceId", "a")));
        ContextReducer.Apply(state, Signal(ContextSignalKind.Device, "humidity", T0, ("value", "40"), ("deviceId", "a")));
        var newer = ContextReducer.Apply(state, Signal(ContextSignalKind.Device, "temperature", T0.AddSeconds(2), ("value", "21"), ("deviceId", "a")));
        var late = ContextReducer.Apply(state, Signal(ContextSignalKind.Device, "temperature", T0.AddSeconds(1), ("value", "99"), ("deviceId", "a")));

        Assert.Equal(new SignalOutcome(true, false, true), newer);
        Assert.Equal(SignalOutcome.Unchanged, late);
        Assert.Equal(["temperature=21", "humidity=40"], state.Devices.Select(d => $"{d.Name}={d.Value}"));
    }

    [Fact]
    public void Devices_beyond_the_limit_push_out_the_oldest_reading()
    {
        var state = new CustomerContextState();
        for (var i = 0; i <= ContextLimits.Devices; i++)
            ContextReducer.Apply(state, Signal(ContextSignalKind.Device, "r", T0.AddSeconds(i), ("value", "1"), ("deviceId", $"d{i}")));
        Assert.Equal(ContextLimits.Devices, state.Devices.Count);
        Assert.DoesNotContain(state.Devices, d => d.DeviceId == "d0");
    }

    [Fact]
    public void A_time_zone_alone_sets_the_local_time_clue_without_inventing_a_place()
    {
        var state = new CustomerContextState();
        var outcome = ContextReducer.Apply(state, Signal(ContextSignalKind.Location, "timeZone", T0, ("timeZone", "Europe/Berlin")));
        Assert.True(outcome.ContextChanged && outcome.WriteNow);
        Assert.Equal("Europe/Berlin", state.TimeZone);
        Assert.Null(state.Location);
        Assert.Equal(SignalOutcome.Unchanged, ContextReducer.Apply(state, Signal(ContextSignalKind.Location, "timeZone", T0, ("timeZone", "Europe/Berlin"))));
    }

    [Fact]
    public void A_place_replaces_the_location_and_reports_its_coordinates()
    {
        var state = new CustomerContextState { TimeZone = "Europe/Berlin" };
        var outcome = ContextReducer.Apply(state, Signal(ContextSignalKind.Location, "location", T0,
            ("city", "Lisbon"), ("latitude", "38.72"), ("longitude", "-9.14"), ("timeZone", "Europe/Lisbon")));
        Assert.Equal((38.72, -9.14), outcome.Coordinates);
        Assert.Equal(("Lisbon", "Europe/Lisbon", "api:test"), (state.Location?.City, state.Location?.TimeZone, state.Location?.Source));
        Assert.Equal("Europe/Lisbon", state.TimeZone);

        var noCoordinates = ContextReducer.Apply(state, Signal(ContextSignalKind.Location, "location", T0.AddMinutes(1), ("city", "Porto"), ("latitude", "95"), ("longitude", "1")));
        Assert.Null(noCoordinates.Coordinates); // out of range: dropped, the city is kept
        Assert.Equal(("Porto", null), (state.Location?.City, state.Location?.Latitude));
    }

    [Fact]
    public void Page_views_are_newest_first_capped_and_a_reload_is_not_a_new_step()
    {
        var state = new CustomerContextState();
        for (var i = 1; i <= 25; i++) ContextReducer.Apply(state, Signal(ContextSignalKind.PageView, "pageView", T0.AddSeconds(i), ("url", $"/p{i}")));
        Assert.Equal(SignalOutcome.Unchanged, ContextReducer.Apply(state, Signal(ContextSignalKind.PageView, "pageView", T0.AddMinutes(1), ("url", "/p25"))));
        Assert.Equal(ContextLimits.PageTrail, state.PageTrail.Count);
        Assert.Equal("/p25", state.PageTrail[0].Url);
        Assert.Equal("/p6", state.PageTrail[^1].Url);
    }

    [Fact]
    public void Facts_and_interactions_are_written_now_and_interactions_stay_out_of_the_live_context()
    {
        var state = new CustomerContextState();
        Assert.Equal(new SignalOutcome(true, true, false), ContextReducer.Apply(state, Signal(ContextSignalKind.Fact, "role", T0, ("value", "buyer"))));
        Assert.Equal(SignalOutcome.Unchanged, ContextReducer.Apply(state, Signal(ContextSignalKind.Fact, "role", T0.AddSeconds(1), ("value", "buyer"))));
        Assert.Equal(new SignalOutcome(false, true, false), ContextReducer.Apply(state,
            Signal(ContextSignalKind.Interaction, "interaction", T0.AddDays(-1), ("channel", "phone"), ("summary", "Called"))));
        ContextReducer.Apply(state, Signal(ContextSignalKind.Interaction, "interaction", T0, ("channel", "email"), ("summary", "Wrote")));
        ContextReducer.Apply(state, Signal(ContextSignalKind.Interaction, "interaction", T0.AddDays(-3), ("channel", "store"), ("summary", "Visited")));
        Assert.Equal(["email", "phone", "store"], state.Interactions.Select(i => i.Channel));
    }

    [Fact]
    public void Posted_weather_replaces_looked_up_weather_and_older_weather_is_ignored()
    {
        var state = new CustomerContextState { WeatherFromLookup = true, Weather = new WeatherInfo("Fog", 3, "open-meteo", T0) };
        ContextReducer.Apply(state, Signal(ContextSignalKind.Weather, "weather", T0.AddMinutes(5), ("temperatureC", "7.5")));
        Assert.Equal(("", 7.5, false), (state.Weather?.Summary, state.Weather?.TemperatureC, state.WeatherFromLookup));
        Assert.Equal(SignalOutcome.Unchanged, ContextReducer.Apply(state, Signal(ContextSignalKind.Weather, "weather", T0, ("summary", "Old"))));
    }

    [Fact]
    public void The_view_puts_posted_facts_over_attributes_and_reads_the_identity_clues_from_them()
    {
        var state = new CustomerContextState();
        ContextReducer.Apply(state, Signal(ContextSignalKind.Fact, "company", T0, ("value", "Acme")));
        var attributes = new Dictionary<string, string> { ["name"] = "Carol", ["company"] = "Old Co", ["role"] = "admin" };
        var view = ContextView.Build("cust-1", true, attributes, state, T0, 7);
        Assert.Equal(("Carol", "admin", "Acme"), (view.DisplayName, view.Role, view.Company));
        Assert.Equal("Acme", view.Facts["company"]);
        Assert.Equal(7, view.Version);
    }
}
