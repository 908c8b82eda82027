using Engagement.Context.Rules;
using Engagement.Tenant;
using Engagement.Context.Weather;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Engagement.Context;

/// <summary>Registers what the live context needs: its options, the rules cache and seed, and the weather provider.</summary>
public static class ContextServices
{
    public static IServiceCollection AddEngagementContext(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ContextOptions>(configuration.GetSection(ContextOptions.Section));
        services.AddOptions<RuleSeedOptions>().Bind(configuration.GetSection(RuleSeedOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RuleSeedOptions>, RuleSeedOptionsValidator>();
        services.AddSingleton<ProactiveRulesCache>();

        var weather = configuration.GetSection(WeatherOptions.Section);
        services.Configure<WeatherOptions>(weather);
        switch (weather[nameof(WeatherOptions.Provider)] ?? WeatherOptions.PostedProvider)
        {
            case WeatherOptions.PostedProvider:
                services.AddSingleton<IWeatherProvider, PostedWeatherOnly>();
                break;
            case WeatherOptions.OpenMeteoProvider:
                services.AddHttpClient(OpenMeteoWeatherProvider.HttpClientName);
                services.AddSingleton<IWeatherProvider, OpenMeteoWeatherProvider>();
                break;
            case var other:
                throw new InvalidOperationException(
                    $"{WeatherOptions.Section}:Provider must be '{WeatherOptions.PostedProvider}' or '{WeatherOptions.OpenMeteoProvider}', not '{other}'.");
        }
        return services;
    }
}
