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
        Assert.False(ContextReducer.Apply(state, Signal(ContextSignalKind.PageView, "pageView", T0.AddMinutes(1), ("url", "/p25"))).ContextChanged);
        var shown = PageTrail.Shown(state.PageTrail);
        Assert.Equal(ContextLimits.PageTrail, shown.Length);
        Assert.Equal(("/p25", T0.AddSeconds(25)), (shown[0].Url, shown[0].At)); // the step began with the first view
        Assert.Equal("/p6", shown[^1].Url);
    }

    [Fact]
    public void Facts_and_interactions_are_written_now_and_interactions_stay_out_of_the_live_context()
    {
        var state = new CustomerContextState();
        Assert.Equal(new SignalOutcome(true, true, false), ContextReducer.Apply(state, Signal(ContextSignalKind.Fact, "role", T0, ("value", "buyer"))));
        Assert.Equal(SignalOutcome.Unchanged, ContextReducer.Apply(state, Signal(ContextSignalKind.Fact, "role", T0, ("value", "buyer"))));
        // The same value later: nothing to show, but its newer time is kept so a late older value cannot win.
        Assert.Equal(SignalOutcome.Bookkeeping, ContextReducer.Apply(state, Signal(ContextSignalKind.Fact, "role", T0.AddSeconds(2), ("value", "buyer"))));
        Assert.Equal(SignalOutcome.Unchanged, ContextReducer.Apply(state, Signal(ContextSignalKind.Fact, "role", T0.AddSeconds(1), ("value", "seller"))));
        Assert.Equal("buyer", state.Facts["role"].Value);
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

    /// <summary>
    /// A mixed stream of signals: page views (with a reload and a revisit), events, readings that overwrite each
    /// other, a reading tie, facts, places, zones, weather and interactions, some sharing a time.
    /// </summary>
    private static List<ContextSignal> MixedSignals()
    {
        var signals = new List<ContextSignal>();
        string[] pages = ["/home", "/pricing", "/pricing", "/docs", "/home", "/checkout"];
        for (var i = 0; i < pages.Length; i++) signals.Add(Signal(ContextSignalKind.PageView, "pageView", T0.AddSeconds(i), ("url", pages[i]), ("title", $"t{i}")));
        for (var i = 0; i < 3; i++) signals.Add(Signal(ContextSignalKind.Event, "clicked", T0.AddSeconds(i), ("button", $"b{i}")));
        signals.Add(Signal(ContextSignalKind.Event, "clicked", T0.AddSeconds(1), ("button", "other"))); // same time, other content
        for (var i = 0; i < 4; i++) signals.Add(Signal(ContextSignalKind.Device, "temperature", T0.AddSeconds(i), ("value", $"2{i}"), ("deviceId", "t-1")));
        signals.Add(Signal(ContextSignalKind.Device, "temperature", T0.AddSeconds(3), ("value", "19"), ("deviceId", "t-1"))); // a tie
        signals.Add(Signal(ContextSignalKind.Device, "humidity", T0.AddSeconds(2), ("value", "40"), ("deviceId", "t-1")));
        signals.Add(Signal(ContextSignalKind.Fact, "plan", T0, ("value", "basic")));
        signals.Add(Signal(ContextSignalKind.Fact, "plan", T0.AddSeconds(5), ("value", "pro")));
        signals.Add(Signal(ContextSignalKind.Fact, "plan", T0.AddSeconds(9), ("value", "pro")));
        signals.Add(Signal(ContextSignalKind.Fact, "plan", T0.AddSeconds(7), ("value", "basic")));
        signals.Add(Signal(ContextSignalKind.Location, "location", T0, ("city", "Lisbon"), ("timeZone", "Europe/Lisbon")));
        signals.Add(Signal(ContextSignalKind.Location, "location", T0.AddSeconds(4), ("city", "Berlin"), ("latitude", "52.5"), ("longitude", "13.4")));
        signals.Add(Signal(ContextSignalKind.Location, "timeZone", T0.AddSeconds(2), ("timeZone", "Europe/Berlin")));
        signals.Add(Signal(ContextSignalKind.Location, "timeZone", T0.AddSeconds(6), ("timeZone", "Europe/Paris")));
        signals.Add(Signal(ContextSignalKind.Weather, "weather", T0.AddSeconds(1), ("summary", "Rain"), ("temperatureC", "9")));
        signals.Add(Signal(ContextSignalKind.Weather, "weather", T0.AddSeconds(3), ("summary", "Sun"), ("temperatureC", "14")));
        signals.Add(Signal(ContextSignalKind.Interaction, "interaction", T0.AddDays(-2), ("channel", "phone"), ("summary", "Called")));
        signals.Add(Signal(ContextSignalKind.Interaction, "interaction", T0.AddDays(-1), ("channel", "email"), ("summary", "Wrote")));
        return signals;
    }

    /// <summary>Everything the state holds, as text, to compare two states.</summary>
    private static string Describe(CustomerContextState s) => string.Join("\n",
        "trail " + string.Join(" ", PageTrail.Shown(s.PageTrail).Select(v => $"{v.Url}@{v.At:ss}:{v.Title}")),
        // Entries stamped with the very same time keep their arrival order (a batch posted without times shares one
        // time and keeps its order); that order is all reordering may change, so compare them as a set.
        "events " + string.Join(" ", s.RecentEvents.GroupBy(e => e.At).Select(g => string.Join("|", g.Select(e => e.Values["button"]).Order())
            + $"@{g.Key:ss}")),
        "devices " + string.Join(" ", s.Devices.Select(d => $"{d.Name}={d.Value}@{d.At:ss}")),
        "facts " + string.Join(" ", s.Facts.OrderBy(f => f.Key).Select(f => $"{f.Key}={f.Value.Value}@{f.Value.At:ss}")),
        $"location {s.Location} zone {s.TimeZone}@{s.TimeZoneAt:ss} weather {s.Weather}",
        "interactions " + string.Join(" ", s.Interactions));

    [Fact]
    public void Applying_every_signal_a_second_time_changes_nothing_and_reports_no_change()
    {
        var state = new CustomerContextState();
        var signals = MixedSignals();
        foreach (var signal in signals) ContextReducer.Apply(state, signal);
        var once = Describe(state);

        foreach (var signal in signals)
            Assert.Equal(SignalOutcome.Unchanged, ContextReducer.Apply(state, signal with { Values = new Dictionary<string, string>(signal.Values) }));

        Assert.Equal(once, Describe(state));
    }

    [Fact]
    public void Any_order_with_duplicates_gives_the_context_that_in_order_delivery_gives()
    {
        var signals = MixedSignals();
        var inOrder = new CustomerContextState();
        foreach (var signal in signals.OrderBy(s => s.At)) ContextReducer.Apply(inOrder, signal);
        var expected = Describe(inOrder);

        for (var seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            // Redelivered batches: some signals twice or three times, everything shuffled.
            var delivered = signals.Concat(signals.Where(_ => random.Next(3) == 0)).Concat(signals.Where(_ => random.Next(5) == 0))
                .OrderBy(_ => random.Next()).ToList();
            var state = new CustomerContextState();
            foreach (var signal in delivered) ContextReducer.Apply(state, signal);
            Assert.True(expected == Describe(state), $"seed {seed}:\nexpected\n{expected}\ngot\n{Describe(state)}");
        }
        var trail = PageTrail.Shown(inOrder.PageTrail);
        Assert.Equal(["/checkout", "/home", "/docs", "/pricing", "/home"], trail.Select(v => v.Url)); // the reload is one step
        Assert.Equal("t1", trail[3].Title); // and the visit began with the first view
        Assert.Equal(("23", "pro", "Berlin", "Europe/Paris", "Sun"),
            (inOrder.Devices.Single(d => d.Name == "temperature").Value, inOrder.Facts["plan"].Value, inOrder.Location?.City, inOrder.TimeZone, inOrder.Weather?.Summary));
    }

    [Fact]
    public void A_late_older_time_zone_does_not_undo_a_newer_one()
    {
        var state = new CustomerContextState();
        ContextReducer.Apply(state, Signal(ContextSignalKind.Location, "timeZone", T0.AddSeconds(2), ("timeZone", "Europe/Paris")));

        var late = ContextReducer.Apply(state, Signal(ContextSignalKind.Location, "timeZone", T0, ("timeZone", "Europe/Berlin")));

        Assert.Equal(SignalOutcome.Unchanged, late);
        Assert.Equal("Europe/Paris", state.TimeZone);
    }
}
