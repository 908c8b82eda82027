namespace Engagement.Context.Weather;

/// <summary>Weather settings, bound from "Engagement:Weather" (docs/protocol.md, Weather).</summary>
public sealed class WeatherOptions : ISettings<WeatherOptions>
{
    public const string Section = "Engagement:Weather";
    public const string PostedProvider = "posted";
    public const string OpenMeteoProvider = "open-meteo";

    /// <summary><see cref="PostedProvider"/> (only posted weather) or <see cref="OpenMeteoProvider"/>.</summary>
    public string Provider { get; set; } = PostedProvider;

    /// <summary>Posted weather younger than this wins over a lookup.</summary>
    public TimeSpan PostedFreshFor { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A lookup is reused for this long for places within ~1 km.</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromMinutes(10);

    public OpenMeteoOptions OpenMeteo { get; set; } = new();

    static string ISettings<WeatherOptions>.Section => Section;

    public void Check(SettingsCheck check) => check
        .That(Provider is PostedProvider or OpenMeteoProvider, nameof(Provider), $"must be \"{PostedProvider}\" or \"{OpenMeteoProvider}\" (it is \"{Provider}\").")
        .Positive(nameof(PostedFreshFor), PostedFreshFor)
        .NotNegative(nameof(CacheFor), CacheFor)
        .That(OpenMeteo.BaseUrl.IsAbsoluteUri, "OpenMeteo:BaseUrl", $"must be an absolute URL (it is {OpenMeteo.BaseUrl}).")
        .Positive("OpenMeteo:Timeout", OpenMeteo.Timeout);
}

public sealed class OpenMeteoOptions
{
    public Uri BaseUrl { get; set; } = new("https://api.open-meteo.com");

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);
}
