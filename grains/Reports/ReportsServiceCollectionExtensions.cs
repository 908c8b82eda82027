using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Reports;

/// <summary>DI registration of historical reporting: the facts the session grains write, the reports the API reads, the site's time zone.</summary>
public static class ReportsServiceCollectionExtensions
{
    public static IServiceCollection AddEngagementReports(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddOptions<ReportsOptions>().Bind(configuration.GetSection(ReportsOptions.Section))
            .Validate(o => TimeZoneIds.IsKnown(o.TimeZone), $"{ReportsOptions.Section}:TimeZone is not a known IANA time zone.")
            .ValidateOnStart();
        var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString);
        services.AddSingleton(new SessionFactStore(dataSource));
        services.AddSingleton<ISessionReports>(new SessionReports(dataSource));
        return services;
    }
}
