using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Api.Hosting;

/// <summary>Registers and maps the API surface: hubs, REST endpoints, auth, the connection router.</summary>
public static class ApiExtensions
{
    public static IServiceCollection AddEngagementApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSignalR();
        return services;
    }

    public static WebApplication MapEngagementApi(this WebApplication app) => app;
}
