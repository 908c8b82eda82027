using Microsoft.Extensions.Hosting;

namespace Engagement.Storage;

/// <summary>
/// Applies the schema in <see cref="IHostedLifecycleService.StartingAsync"/>, which the host runs for every
/// lifecycle service before any <see cref="IHostedService.StartAsync"/> — so before Orleans' silo
/// (a plain hosted service) initialises membership, storage and reminders, whatever the registration order.
/// A failure stops the host from starting.
/// </summary>
internal sealed class SchemaMigrationHostedService(SchemaMigrator migrator) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken: cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
