using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Api.Hosting;

/// <summary>
/// The widget runs on the company's own site, another origin: "Engagement:Cors:AllowedOrigins" lists the
/// origins allowed to call the API and hubs ("*" allows any). Tokens travel in headers or the query, never
/// in cookies, so allowing credentials (which the SignalR browser client asks for) exposes no session.
/// </summary>
internal static class CorsSetup
{
    public const string PolicyName = "engagement-widget";
    public const string Section = "Engagement:Cors:AllowedOrigins";

    public static IServiceCollection AddEngagementCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = configuration.GetSection(Section).Get<string[]>() ?? [];
        services.AddCors(options => options.AddPolicy(PolicyName, policy =>
        {
            if (origins.Contains("*"))
            {
                policy.SetIsOriginAllowed(_ => true);
            }
            else
            {
                policy.WithOrigins(origins);
            }

            policy.AllowAnyHeader().AllowAnyMethod().AllowCredentials();
        }));
        return services;
    }
}
