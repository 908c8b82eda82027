namespace Engagement.Context.Weather;

/// <summary>
/// The default: the context's weather is only what devices or the back end post as Weather signals (this
/// machine has no internet). Looks nothing up.
/// </summary>
public sealed class PostedWeatherOnly : IWeatherProvider
{
    public bool LooksUp => false;

    public Task<WeatherReport?> CurrentAsync(double latitude, double longitude, CancellationToken cancellationToken) =>
        Task.FromResult<WeatherReport?>(null);
}
