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
        services.AddSettings<ContextOptions>(configuration);
        services.AddOptions<RuleSeedOptions>().Bind(configuration.GetSection(RuleSeedOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RuleSeedOptions>, RuleSeedOptionsValidator>();
        services.AddSingleton<ProactiveRulesCache>();

        services.AddSettings<WeatherOptions>(configuration);
        // The provider decides what is registered, so it is checked now, with the rest of the section.
        var weather = Settings.Ensure(configuration.GetSection(WeatherOptions.Section).Get<WeatherOptions>() ?? new WeatherOptions());
        if (weather.Provider == WeatherOptions.OpenMeteoProvider)
        {
            services.AddHttpClient(OpenMeteoWeatherProvider.HttpClientName);
            services.AddSingleton<IWeatherProvider, OpenMeteoWeatherProvider>();
        }
        else
        {
            services.AddSingleton<IWeatherProvider, PostedWeatherOnly>();
        }
        return services;
    }
}
