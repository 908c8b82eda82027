using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Engagement.Storage;

/// <summary>DI registration of the transcript store and the schema migrator.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>The PostgreSQL transcript store (group commit) as <see cref="ITranscriptStore"/>.</summary>
    public static IServiceCollection AddPostgresTranscriptStore(
        this IServiceCollection services, string connectionString, Action<TranscriptStoreOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = new TranscriptStoreOptions();
        configure?.Invoke(options);
        services.AddSingleton(sp => new PostgresTranscriptStore(connectionString, options, sp.GetService<ILogger<PostgresTranscriptStore>>()));
        services.Replace(ServiceDescriptor.Singleton<ITranscriptStore>(sp => sp.GetRequiredService<PostgresTranscriptStore>()));
        return services;
    }

    /// <summary>An in-process transcript (lost with the process), for in-memory test clusters.</summary>
    public static IServiceCollection AddInMemoryTranscriptStore(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<ITranscriptStore, InMemoryTranscriptStore>());
        return services;
    }

    /// <summary>
    /// Applies the embedded schema when the host starts, before any hosted service's StartAsync
    /// (Orleans included); the host does not start if it fails.
    /// </summary>
    public static IServiceCollection AddEngagementSchemaMigration(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddSingleton(sp => new SchemaMigrator(connectionString, sp.GetService<ILogger<SchemaMigrator>>()));
        services.AddHostedService<SchemaMigrationHostedService>();
        return services;
    }
}
