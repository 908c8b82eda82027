using Engagement.Boards;
using Engagement.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Hosting;

/// <summary>Options of the boards (dashboard statistics) and of chosen-representative routing.</summary>
public static class BoardsExtensions
{
    public static IServiceCollection AddEngagementBoards(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<StatsOptions>(configuration.GetSection(StatsOptions.Section));
        services.Configure<RoutingOptions>(configuration.GetSection(RoutingOptions.Section));
        return services;
    }
}
