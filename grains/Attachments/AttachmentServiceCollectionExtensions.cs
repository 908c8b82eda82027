using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Engagement.Attachments;

/// <summary>DI registration of attachments (docs/protocol.md, Attachments).</summary>
public static class AttachmentServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="IAttachments"/> with its catalog on PostgreSQL and, unless another <see cref="IAttachmentStore"/> is
    /// registered first, the local-disk store in "Engagement:Attachments:Directory"; and the hourly sweep of uploads no message took.
    /// </summary>
    public static IServiceCollection AddEngagementAttachments(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddOptions<AttachmentOptions>().Bind(configuration.GetSection(AttachmentOptions.Section))
            .Validate(o => o.UnsentLifetime > TimeSpan.FromHours(2), $"{AttachmentOptions.Section}:UnsentLifetime must be more than 2 hours.")
            .ValidateOnStart();
        services.TryAddSingleton<IAttachmentStore>(sp => new LocalDiskAttachmentStore(sp.GetRequiredService<IOptions<AttachmentOptions>>().Value.ResolvedDirectory));
        services.AddSingleton(new AttachmentCatalog(NpgsqlDataSource.Create(connectionString)));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IAttachments, AttachmentService>();
        services.AddSingleton<UnsentAttachmentSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<UnsentAttachmentSweeper>());
        return services;
    }
}
