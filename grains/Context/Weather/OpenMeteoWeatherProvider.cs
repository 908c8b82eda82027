using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.Context.Weather;

/// <summary>
/// Current weather from Open-Meteo's public forecast API (no key): GET {BaseUrl}/v1/forecast with the
/// coordinates, <c>current=temperature_2m,weather_code</c> and <c>timezone=auto</c>, which also names the place's
/// time zone. Answers are cached per place rounded to two decimals (~1 km) for <see cref="WeatherOptions.CacheFor"/>,
/// so many customers in one city cost one request. Failures are logged and answer null.
/// </summary>
public sealed partial class OpenMeteoWeatherProvider(
    IHttpClientFactory httpClients, IOptions<WeatherOptions> options, TimeProvider clock, ILogger<OpenMeteoWeatherProvider> logger)
    : IWeatherProvider, IDisposable
{
    public const string Source = "open-meteo";
    public const string HttpClientName = "open-meteo";
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public bool LooksUp => true;

    public async Task<WeatherReport?> CurrentAsync(double latitude, double longitude, CancellationToken cancellationToken)
    {
        var place = (Math.Round(latitude, 2), Math.Round(longitude, 2));
        if (_cache.TryGetValue(place, out WeatherReport? cached)) return cached;
        var report = await FetchAsync(place.Item1, place.Item2, cancellationToken);
        if (report is not null)
            _cache.Set(place, report, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = options.Value.CacheFor });
        return report;
    }

    private async Task<WeatherReport?> FetchAsync(double latitude, double longitude, CancellationToken cancellationToken)
    {
        var settings = options.Value.OpenMeteo;
        var url = new Uri(settings.BaseUrl, string.Create(CultureInfo.InvariantCulture,
            $"/v1/forecast?latitude={latitude:0.##}&longitude={longitude:0.##}&current=temperature_2m,weather_code&timezone=auto"));
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.Timeout);
            var answer = await httpClients.CreateClient(HttpClientName).GetFromJsonAsync<ForecastAnswer>(url, timeout.Token);
            if (answer?.Current is not { } current) return null;
            return new WeatherReport(
                new WeatherInfo(
                    current.WeatherCode is { } code ? WmoWeatherCodes.Describe(code) : "",
                    current.Temperature,
                    Source,
                    ObservedAt(current.Time, answer.UtcOffsetSeconds) ?? clock.GetUtcNow()),
                answer.Timezone is { } zone && ContextValues.IsTimeZone(zone) ? zone : null);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException or NotSupportedException)
        {
            LogLookupFailed(ex, latitude, longitude);
            return null;
        }
    }

    /// <summary>"current.time" is local to the answer's time zone, without an offset ("2026-03-26T16:15").</summary>
    private static DateTimeOffset? ObservedAt(string? localTime, int offsetSeconds) =>
        offsetSeconds % 60 == 0 && Math.Abs(offsetSeconds) <= 14 * 3600 && DateTime.TryParse(localTime, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeSpan.FromSeconds(offsetSeconds)).ToUniversalTime()
            : null;

    public void Dispose() => _cache.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Weather lookup at Open-Meteo failed for ({Latitude}, {Longitude}).")]
    private partial void LogLookupFailed(Exception exception, double latitude, double longitude);

    private sealed record ForecastAnswer(
        [property: JsonPropertyName("timezone")] string? Timezone,
        [property: JsonPropertyName("utc_offset_seconds")] int UtcOffsetSeconds,
        [property: JsonPropertyName("current")] CurrentAnswer? Current);

    private sealed record CurrentAnswer(
        [property: JsonPropertyName("time")] string? Time,
        [property: JsonPropertyName("temperature_2m")] double? Temperature,
        [property: JsonPropertyName("weather_code")] int? WeatherCode);
}
