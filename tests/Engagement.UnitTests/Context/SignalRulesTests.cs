using System.Text.Json;
using Engagement.Api.Endpoints.Context;
using Engagement.Api.Validation;

namespace Engagement.UnitTests.Context;

public class SignalRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static SignalInput Input(string kind, string? name, object? values, DateTimeOffset? at = null) =>
        new(kind, name, values is null ? null : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(values)), at);

    private static ContextSignal[] Check(params SignalInput?[] signals) => SignalRules.Batch(new SignalBatchRequest([.. signals]), "cust-1", "api:test", Now);

    [Fact]
    public void Numbers_and_booleans_become_text_and_the_time_defaults_to_now()
    {
        var signal = Assert.Single(Check(Input("Device", "temperature", new { value = 21.5, unit = "C", on = true })));
        Assert.Equal((ContextSignalKind.Device, "21.5", "true", Now, "api:test"), (signal.Kind, signal.Values["value"], signal.Values["on"], signal.At, signal.Source));
    }

    [Fact]
    public void Kinds_without_a_name_get_the_kinds_name()
    {
        Assert.Equal("location", Assert.Single(Check(Input("location", null, new { city = "Oslo" }))).Name);
    }

    [Theory]
    [InlineData("weather", null, "{}", "signals[0].values")]
    [InlineData("weather", null, "{\"temperatureC\": 500}", "signals[0].values.temperatureC")]
    [InlineData("fact", null, "{\"value\": \"x\"}", "signals[0].name")]
    [InlineData("device", "t", "{\"value\": 1, \"deviceId\": \"not an id\"}", "signals[0].values.deviceId")]
    [InlineData("pageView", null, "{\"title\": \"x\"}", "signals[0].values.url")]
    [InlineData("event", "e", "{\"a\": null}", "signals[0].values.a")]
    public void Each_kind_checks_its_values_and_names_the_one_at_fault(string kind, string? name, string values, string field)
    {
        var input = new SignalInput(kind, name, JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(values), null);
        Assert.Equal(field, Assert.Throws<InputException>(() => Check(input)).Field);
    }

    [Fact]
    public void Times_a_year_back_or_minutes_ahead_are_refused()
    {
        Assert.Equal("signals[0].at", Assert.Throws<InputException>(() => Check(Input("event", "e", null, Now.AddDays(-400)))).Field);
        Assert.Single(Check(Input("event", "e", null, Now.AddMinutes(4))));
    }

    [Fact]
    public void A_batch_holds_one_to_a_hundred_signals()
    {
        Assert.Equal("signals", Assert.Throws<InputException>(() => Check()).Field);
        Assert.Equal("signals", Assert.Throws<InputException>(() => SignalRules.Batch(new SignalBatchRequest(null), "c", "s", Now)).Field);
        Assert.Equal(100, Check([.. Enumerable.Range(0, 100).Select(_ => Input("event", "e", null))]).Length);
        Assert.Equal("signals[0]", Assert.Throws<InputException>(() => Check([null])).Field);
    }
}
