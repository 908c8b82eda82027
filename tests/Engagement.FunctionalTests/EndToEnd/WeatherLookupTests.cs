using Engagement.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Engagement.FunctionalTests.EndToEnd.ContextSetup;

namespace Engagement.FunctionalTests.EndToEnd;

/// <summary>A node configured with the Open-Meteo weather provider, pointed at a local stand-in of the API.</summary>
public sealed class OpenMeteoNodeFixture : IAsyncLifetime
{
    private readonly PostgresFixture _database = new();

    public FakeOpenMeteo Weather { get; private set; } = null!;

    public EngagementNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Weather = await FakeOpenMeteo.StartAsync();
        await _database.InitializeAsync();
        var settings = new Dictionary<string, string?>(EndToEndFixture.Settings)
        {
            ["Engagement:Weather:Provider"] = "open-meteo",
            ["Engagement:Weather:OpenMeteo:BaseUrl"] = Weather.BaseUrl.ToString(),
        };
        Node = await EngagementNode.StartAsync(_database.ConnectionString, settings);
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        await _database.DisposeAsync();
        await Weather.DisposeAsync();
    }
}

public class WeatherLookupTests(OpenMeteoNodeFixture fixture) : IClassFixture<OpenMeteoNodeFixture>
{
    [Fact]
    public async Task A_location_with_coordinates_gets_the_current_weather_and_time_zone_from_open_meteo()
    {
        var customerId = NewCustomer();
        await PostAsync(customerId, new { kind = "location", values = new { city = "Berlin", latitude = 52.5201, longitude = 13.4049 } });

        var context = await ContextWhenAsync(customerId, c => c.Weather is not null);
        Assert.Equal(("Light rain", 4.3, "open-meteo"), (context.Weather!.Summary, context.Weather.TemperatureC, context.Weather.Source));
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 9, 15, 0, TimeSpan.Zero), context.Weather.ObservedAt);
        Assert.Equal("Europe/Berlin", context.TimeZone);
        Assert.Contains(fixture.Weather.Queries, q => q.Contains("latitude=52.52&longitude=13.4") && q.Contains("current=temperature_2m,weather_code") && q.Contains("timezone=auto"));
    }

    [Fact]
    public async Task Places_within_a_kilometre_share_one_lookup_and_fresh_posted_weather_wins()
    {
        var (first, second, reporter) = (NewCustomer(), NewCustomer(), NewCustomer());
        await PostAsync(first, new { kind = "location", values = new { latitude = 48.1371, longitude = 11.5754 } });
        await ContextWhenAsync(first, c => c.Weather is not null);
        await PostAsync(second, new { kind = "location", values = new { latitude = 48.1372, longitude = 11.5756 } });
        await ContextWhenAsync(second, c => c.Weather is not null);
        Assert.Single(fixture.Weather.Queries, q => q.Contains("latitude=48.14"));

        await PostAsync(reporter,
            new { kind = "weather", values = new { summary = "Sunny (from the shop's sensor)", temperatureC = 18 } },
            new { kind = "location", values = new { latitude = 40.4168, longitude = -3.7038 } });
        var context = await ContextWhenAsync(reporter, c => c.Location is not null);
        Assert.Equal("Sunny (from the shop's sensor)", context.Weather?.Summary);
        Assert.DoesNotContain(fixture.Weather.Queries, q => q.Contains("latitude=40.42"));
    }

    [Fact]
    public async Task A_failing_weather_service_leaves_the_location_without_weather()
    {
        var customerId = NewCustomer();
        await PostAsync(customerId, new { kind = "location", values = new { city = "Null Island", latitude = 0, longitude = 0 } });
        var context = await ContextWhenAsync(customerId, c => c.Location is not null);
        Assert.Equal("Null Island", context.Location!.City);
        Assert.Null(context.Weather);
    }

    private static string NewCustomer() => "weather-" + Guid.NewGuid().ToString("N")[..10];

    private async Task PostAsync(string customerId, params object[] signals)
    {
        using var http = new HttpClient { BaseAddress = fixture.Node.BaseUrl };
        http.DefaultRequestHeaders.Add("X-Api-Key", EndToEndFixture.IngestionKey);
        var response = await http.PostAsync($"/api/context/{customerId}/signals", System.Net.Http.Json.JsonContent.Create(Batch(signals)));
        Assert.Equal(202, (int)response.StatusCode);
    }

    /// <summary>The context once it matches; GetContext waits for the signal handler (the grain is not reentrant).</summary>
    private async Task<CustomerContext> ContextWhenAsync(string customerId, Func<CustomerContext, bool> match)
    {
        var customer = fixture.Node.Services.GetRequiredService<IGrainFactory>().GetCustomer(customerId);
        CustomerContext? context = null;
        await LiveContextEndToEndTests.EventuallyAsync(async () => match(context = await customer.GetContext()));
        return context!;
    }
}
