using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Engagement.Storage;

/// <summary>DI registration of the transcript store and the schema migrator.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The PostgreSQL transcript store (group commit) as <see cref="ITranscriptStore"/>, with the
    /// <see cref="ITranscriptOutbox"/> registered, if any (the webhooks').
    /// </summary>
    /// <param name="fenceByMembership">
    /// Fence writes by this silo's row in the membership table (<see cref="MembershipFence"/>), which must then be
    /// in the same database (AdoNet clustering, as the silo runs). Only a cluster whose membership lives elsewhere
    /// (in-memory test clusters) turns it off.
    /// </param>
    public static IServiceCollection AddPostgresTranscriptStore(
        this IServiceCollection services, string connectionString, Action<TranscriptStoreOptions>? configure = null, bool fenceByMembership = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = new TranscriptStoreOptions();
        configure?.Invoke(options);
        Settings.Ensure(options);
        services.AddSingleton(sp => new PostgresTranscriptStore(
            connectionString, options, sp.GetService<ILogger<PostgresTranscriptStore>>(),
            fenceByMembership ? MembershipFence.Of(sp.GetRequiredService<ILocalSiloDetails>()) : null,
            sp.GetService<ITranscriptOutbox>()));
        services.Replace(ServiceDescriptor.Singleton<ITranscriptStore>(sp => sp.GetRequiredService<PostgresTranscriptStore>()));
        return services;
    }

    /// <summary>The shared inbox's conversation index on PostgreSQL (engagement.conversation), the full-text search over transcripts, and erasure's deletes (with AddEngagementAttachments).</summary>
    public static IServiceCollection AddPostgresConversationIndex(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString);
        services.AddSingleton(new Engagement.Conversations.ConversationIndex(dataSource));
        services.AddSingleton<IConversationLists>(sp => sp.GetRequiredService<Engagement.Conversations.ConversationIndex>());
        services.AddSingleton<IConversationSearch>(new Engagement.Conversations.ConversationSearch(dataSource));
        // Erasure deletes files too: it needs AddEngagementAttachments.
        services.AddSingleton(sp => new Engagement.Privacy.ErasureStore(
            dataSource, sp.GetRequiredService<Engagement.Attachments.AttachmentCatalog>(), sp.GetRequiredService<IAttachmentStore>()));
        return services;
    }

    /// <summary>The contacts view's projection of customers on PostgreSQL (engagement.contact), which the customer grains write.</summary>
    public static IServiceCollection AddPostgresContactIndex(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddSingleton(new Engagement.Customers.ContactIndex(Npgsql.NpgsqlDataSource.Create(connectionString)));
        services.AddSingleton<IContactLists>(sp => sp.GetRequiredService<Engagement.Customers.ContactIndex>());
        return services;
    }

    /// <summary>The audit log on PostgreSQL (engagement.audit_log) as <see cref="Engagement.Audit.IAuditLog"/>.</summary>
    public static IServiceCollection AddPostgresAuditLog(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Engagement.Audit.IAuditLog>(sp => new Engagement.Audit.PostgresAuditLog(
            Npgsql.NpgsqlDataSource.Create(connectionString), sp.GetRequiredService<TimeProvider>()));
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
