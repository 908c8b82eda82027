using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Engagement.FunctionalTests.EndToEnd;

/// <summary>
/// A local stand-in for Open-Meteo's forecast API (this machine has no internet), on 127.0.0.1: answers
/// GET /v1/forecast in the shape the real service uses (current weather, the place's time zone, its UTC
/// offset, local time without offset) and records the query strings it was asked. Latitude 0 answers 500.
/// </summary>
public sealed class FakeOpenMeteo : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeOpenMeteo(WebApplication app, Uri baseUrl) => (_app, BaseUrl) = (app, baseUrl);

    public Uri BaseUrl { get; }

    public ConcurrentQueue<string> Queries { get; } = new();

    public static async Task<FakeOpenMeteo> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeOpenMeteo? self = null;
        app.MapGet("/v1/forecast", (HttpRequest request, double latitude, double longitude) =>
        {
            self!.Queries.Enqueue(request.QueryString.Value ?? "");
            if (latitude == 0) return Results.StatusCode(500);
            return Results.Text(Answer(latitude, longitude), "application/json");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return self = new FakeOpenMeteo(app, new Uri(address));
    }

    /// <summary>Light rain, 4.3 °C at 10:15 local time in Berlin (UTC+1).</summary>
    private static string Answer(double latitude, double longitude) => string.Create(CultureInfo.InvariantCulture, $$$"""
        {"latitude":{{{latitude}}},"longitude":{{{longitude}}},"generationtime_ms":0.04,"utc_offset_seconds":3600,
         "timezone":"Europe/Berlin","timezone_abbreviation":"GMT+1","elevation":38.0,
         "current_units":{"time":"iso8601","interval":"seconds","temperature_2m":"°C","weather_code":"wmo code"},
         "current":{"time":"2026-11-26T10:15","interval":900,"temperature_2m":4.3,"weather_code":61}}
        """);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
