using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.Attachments;

/// <summary>
/// Deletes uploads no message took within <see cref="AttachmentOptions.UnsentLifetime"/> (a visitor who attached a file
/// and closed the tab): catalog row and bytes. Every silo runs it hourly; the delete is one statement per batch, so two
/// silos sweeping at once only find less to do.
/// </summary>
internal sealed partial class UnsentAttachmentSweeper(
    AttachmentCatalog catalog, IAttachmentStore store, IOptions<AttachmentOptions> options, TimeProvider clock, ILogger<UnsentAttachmentSweeper> logger)
    : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromHours(1);
    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Spread the silos' sweeps over the hour.
        var wait = TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(Random.Shared.Next(0, 600));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wait, clock, stoppingToken);
                await SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(e); // the database was away: try again next time
            }
            wait = Period;
        }
    }

    /// <summary>One sweep, every batch of it; answers how many files went.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - options.Value.UnsentLifetime;
        var swept = 0;
        int deleted;
        do
        {
            deleted = await catalog.DeleteUnsentAsync(cutoff, Batch, store, cancellationToken);
            swept += deleted;
        }
        while (deleted == Batch);
        if (swept > 0) LogSwept(swept);
        return swept;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} uploads that no message took.")]
    private partial void LogSwept(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping unsent uploads failed; trying again in an hour.")]
    private partial void LogFailed(Exception exception);
}
