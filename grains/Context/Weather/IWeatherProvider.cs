namespace Engagement.Context.Weather;

/// <summary>Current weather at a place, and the place's IANA time zone when the provider knows it.</summary>
public sealed record WeatherReport(WeatherInfo Weather, string? TimeZone);

/// <summary>
/// Where the context's weather comes from besides what devices and back-end systems post. Chosen by
/// "Engagement:Weather:Provider": <see cref="PostedWeatherOnly"/> (default) or <see cref="OpenMeteoWeatherProvider"/>.
/// </summary>
public interface IWeatherProvider
{
    /// <summary>False when the provider never looks weather up (the customer grain then skips asking).</summary>
    bool LooksUp { get; }

    /// <summary>The current weather at the coordinates, or null when it cannot be had now (failures are logged, not thrown).</summary>
    Task<WeatherReport?> CurrentAsync(double latitude, double longitude, CancellationToken cancellationToken);
}
